package io.aihub.connectors.common;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Says why a system's JSON answer could not be read, for the connectors' error messages, without quoting any of the
 * answer: a broken read limit ({@code io.aihub.api.json.HubJson}: nesting depth, string length, number length,
 * document size) is named with the limit's value, anything else by its exception class.
 */
public final class JsonReadFailures {

    private JsonReadFailures() {
    }

    /**
     * {@code "it breaks a JSON read limit: <Jackson's description>"} for a {@link StreamConstraintsException}
     * (which names the limit and the size found, never content), otherwise {@code "<exception class>"}.
     */
    public static String why(IOException e) {
        if (e instanceof StreamConstraintsException limit) {
            return "it breaks a JSON read limit: " + limit.getOriginalMessage();
        }
        return e.getClass().getSimpleName();
    }
}
