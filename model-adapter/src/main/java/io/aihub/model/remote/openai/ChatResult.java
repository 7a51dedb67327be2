package io.aihub.model.remote.openai;

import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.TokenUsage;
import java.util.Objects;

/**
 * The result for one record of a chat batch: the outcome and the tokens its request used (also when the outcome
 * is a failure, such as content that breaks the schema).
 *
 * @param outcome the prediction or the record's error
 * @param usage   the tokens used, {@link TokenUsage#NONE} when no request was made
 */
public record ChatResult(ModelOutcome outcome, TokenUsage usage) {

    public ChatResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(usage, "usage");
    }
}
