package io.aihub.simulators.crm.salesforce;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SOQL text into tokens. Date-time literals are unquoted ({@code 2026-01-05T08:00:00.000Z}, with
 * {@code Z}, {@code +0000} or {@code +00:00}); string literals are single-quoted with backslash escapes.
 */
final class SoqlLexer {

    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern OPERATOR = Pattern.compile("!=|<>|<=|>=|=|<|>");

    private SoqlLexer() {
    }

    /** Tokenizes {@code soql}; the last token is always {@link SoqlToken.Kind#END}. */
    static List<SoqlToken> tokenize(String soql) {
        List<SoqlToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ',') {
                tokens.add(new SoqlToken(SoqlToken.Kind.COMMA, ",", null, i++));
            } else if (c == '(') {
                tokens.add(new SoqlToken(SoqlToken.Kind.LEFT_PAREN, "(", null, i++));
            } else if (c == ')') {
                tokens.add(new SoqlToken(SoqlToken.Kind.RIGHT_PAREN, ")", null, i++));
            } else if (c == '\'') {
                i = readString(soql, i, tokens);
            } else {
                i = readOther(soql, i, tokens);
            }
        }
        tokens.add(new SoqlToken(SoqlToken.Kind.END, "", null, soql.length()));
        return tokens;
    }

    private static int readOther(String soql, int start, List<SoqlToken> tokens) {
        Matcher m = DATETIME.matcher(soql).region(start, soql.length());
        if (m.lookingAt()) {
            try {
                tokens.add(new SoqlToken(SoqlToken.Kind.DATETIME, m.group(), SalesforceDates.parse(m.group()), start));
            } catch (DateTimeParseException e) {
                throw SoqlException.malformed("line 1:" + start + " invalid datetime: " + m.group());
            }
            return m.end();
        }
        if (m.usePattern(NUMBER).lookingAt()) {
            tokens.add(new SoqlToken(SoqlToken.Kind.NUMBER, m.group(), Double.valueOf(m.group()), start));
            return m.end();
        }
        if (m.usePattern(WORD).lookingAt() || m.usePattern(OPERATOR).lookingAt()) {
            SoqlToken.Kind kind = Character.isLetter(m.group().charAt(0)) || m.group().charAt(0) == '_'
                    ? SoqlToken.Kind.WORD : SoqlToken.Kind.OPERATOR;
            tokens.add(new SoqlToken(kind, m.group(), null, start));
            return m.end();
        }
        throw SoqlException.malformed("line 1:" + start + " no viable alternative at character '"
                + soql.charAt(start) + "'");
    }

    private static int readString(String soql, int start, List<SoqlToken> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (c == '\'') {
                tokens.add(new SoqlToken(SoqlToken.Kind.STRING, value.toString(), value.toString(), start));
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= soql.length()) {
                    break;
                }
                value.append(unescape(soql.charAt(i + 1)));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw SoqlException.malformed("line 1:" + start + " unterminated string literal");
    }

    private static char unescape(char escaped) {
        return switch (escaped) {
            case 'n', 'N' -> '\n';
            case 'r', 'R' -> '\r';
            case 't', 'T' -> '\t';
            case 'b', 'B' -> '\b';
            case 'f', 'F' -> '\f';
            case '\'', '"', '\\' -> escaped;
            default -> throw SoqlException.malformed("Invalid string literal. Illegal character sequence '\\"
                    + escaped + "' in string literal.");
        };
    }
}
