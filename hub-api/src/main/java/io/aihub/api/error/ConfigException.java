package io.aihub.api.error;

import java.util.List;

/** Configuration is invalid; lists every problem found at once, not just the first. */
public class ConfigException extends PermanentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(String subject, List<String> problems) {
        super("CONFIG_INVALID", subject + ": " + problems.size() + " configuration problem(s): "
                + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as one sentence naming the key. */
    public List<String> problems() {
        return problems;
    }
}
