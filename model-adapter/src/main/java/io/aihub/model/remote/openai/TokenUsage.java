package io.aihub.model.remote.openai;

/**
 * Tokens one chat completion used, as the server reported them ({@code usage}); zero when it reported none.
 *
 * @param promptTokens     {@code usage.prompt_tokens}
 * @param completionTokens {@code usage.completion_tokens}
 */
public record TokenUsage(long promptTokens, long completionTokens) {

    /** No tokens (no request made, or none reported). */
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Prompt plus completion tokens. */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The sum of both usages. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
