package io.aihub.simulators.crm.salesforce;

import java.util.Objects;

/**
 * One lexical token of a SOQL statement.
 *
 * @param kind   what the token is
 * @param text   the source text (for string literals, the text between the quotes)
 * @param value  the literal value: {@link String}, {@link Double} or {@link java.time.Instant}; null otherwise
 * @param offset the zero-based character offset in the statement, for error messages
 */
record SoqlToken(Kind kind, String text, Object value, int offset) {

    /** Token kinds. Keywords are {@link #WORD}s; SOQL keywords are case-insensitive. */
    enum Kind {
        WORD, STRING, NUMBER, DATETIME, OPERATOR, COMMA, LEFT_PAREN, RIGHT_PAREN, END
    }

    SoqlToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
}
