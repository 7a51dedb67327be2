package io.aihub.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Tokens a language-model request used, as the server reported them (OpenAI's {@code usage}); zero when it
 * reported none. Carried per record in {@link Prediction#usage()} and the envelope's {@code prediction.usage}.
 *
 * @param promptTokens     {@code usage.prompt_tokens}
 * @param completionTokens {@code usage.completion_tokens}
 */
@JsonPropertyOrder({"promptTokens", "completionTokens"})
public record TokenUsage(long promptTokens, long completionTokens) {

    /** No tokens (no request made, or none reported). */
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Prompt plus completion tokens. */
    @JsonIgnore
    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The sum of both usages. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
