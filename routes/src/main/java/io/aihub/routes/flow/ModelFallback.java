package io.aihub.routes.flow;

import io.aihub.api.error.ConfigException;
import java.util.List;

/**
 * What a route does with records its model cannot score now (a retriable failure left after the backend's own
 * retries: timeout, server down, circuit open), declared per route:
 * <ul>
 * <li>{@code none} (default): the page fails and nothing is committed; the source retries it with back-off, so
 *     the records wait and are scored late;</li>
 * <li>{@code default-score:<score>}: each record gets the configured score, flagged {@code fallback} in the
 *     envelope and the BI row with the reason, never passed off as a model's prediction;</li>
 * <li>{@code dead-letter}: each record goes to the route's dead-letter queue with the reason, for replay.</li>
 * </ul>
 *
 * @param kind  the policy
 * @param score the default score for {@link Kind#DEFAULT_SCORE}
 */
public record ModelFallback(Kind kind, double score) {

    /** The declared policy. */
    public enum Kind { NONE, DEFAULT_SCORE, DEAD_LETTER }

    public static final ModelFallback NONE = new ModelFallback(Kind.NONE, 0);

    /** Parses {@code none}, {@code dead-letter} or {@code default-score:<score in [0,1]>}. */
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
        throw new ConfigException("fallback", List.of("'" + t + "' is not none, dead-letter or "
                + "default-score:<score between 0 and 1>"));
    }
}
