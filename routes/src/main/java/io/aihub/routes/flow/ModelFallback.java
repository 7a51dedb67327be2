package io.aihub.routes.flow;

import io.aihub.api.error.ConfigException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a route does with records its model cannot score now (a retriable failure left after the backend's own
 * retries: timeout, server down, throttled, circuit open), declared per route:
 * <ul>
 * <li>{@code none} (default): the page fails and nothing is committed; the source retries it with back-off, so
 *     the records wait and are scored late;</li>
 * <li>{@code default-score:<score>}: each record gets the configured score, flagged {@code fallback} in the
 *     envelope and the BI row with the reason, never passed off as a model's prediction;</li>
 * <li>{@code dead-letter}: each record goes to the route's dead-letter queue with the reason, for replay;</li>
 * <li>{@code model:<name>[@<version>]}: the records are scored by another loaded model (typically a small
 *     embedded one standing in for a remote model), flagged {@code fallback} in the envelope and the BI row with
 *     that model and the reason; when it cannot score them either, the page fails as with {@code none}.</li>
 * </ul>
 *
 * @param kind    the policy
 * @param score   the default score for {@link Kind#DEFAULT_SCORE}
 * @param model   the fallback model's name for {@link Kind#MODEL}, else null
 * @param version the fallback model's pinned version for {@link Kind#MODEL}, or empty for its configured one
 */
public record ModelFallback(Kind kind, double score, String model, String version) {

    /** The declared policy. */
    public enum Kind { NONE, DEFAULT_SCORE, DEAD_LETTER, MODEL }

    public static final ModelFallback NONE = new ModelFallback(Kind.NONE, 0);

    private static final Pattern MODEL_REFERENCE = Pattern.compile("([a-z0-9][a-z0-9_-]{0,63})(?:@([0-9A-Za-z.+-]+))?");

    /** A policy without a fallback model. */
    public ModelFallback(Kind kind, double score) {
        this(kind, score, null, "");
    }

    /**
     * Parses {@code none}, {@code dead-letter}, {@code default-score:<score in [0,1]>} or
     * {@code model:<name>[@<version>]}.
     */
    public static ModelFallback parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equals("none")) {
            return NONE;
        }
        if (t.equals("dead-letter")) {
            return new ModelFallback(Kind.DEAD_LETTER, 0);
        }
        if (t.startsWith("default-score:")) {
            try {
                double score = Double.parseDouble(t.substring("default-score:".length()).trim());
                if (score >= 0 && score <= 1) {
                    return new ModelFallback(Kind.DEFAULT_SCORE, score);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (t.startsWith("model:")) {
            Matcher m = MODEL_REFERENCE.matcher(t.substring("model:".length()).trim());
            if (m.matches()) {
                return new ModelFallback(Kind.MODEL, 0, m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        throw new ConfigException("fallback", List.of("'" + t + "' is not none, dead-letter, "
                + "default-score:<score between 0 and 1> or model:<model name>[@<version>]"));
    }
}
