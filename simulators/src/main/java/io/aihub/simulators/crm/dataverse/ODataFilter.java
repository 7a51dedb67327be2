package io.aihub.simulators.crm.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The subset of OData v4 {@code $filter} the simulator understands: comparisons {@code column op literal}
 * with {@code eq ne gt ge lt le}, combined with {@code and}, {@code or}, {@code not} and parentheses.
 * Literals: {@code 'text'} (quotes doubled inside), {@code null}, numbers, GUIDs and date-times
 * ({@code 2026-01-05T08:00:00Z}), all unquoted except text. A literal must suit its column's type.
 */
final class ODataFilter {

    private static final Predicate<Map<String, Object>> ALL = row -> true;

    private final List<String> tokens;
    private int next;

    private ODataFilter(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Parses a filter; null or blank matches every row. */
    static Predicate<Map<String, Object>> parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        ODataFilter parser = new ODataFilter(tokenize(text));
        Predicate<Map<String, Object>> predicate = parser.or();
        if (parser.next != parser.tokens.size()) {
            throw syntax("unexpected '" + parser.tokens.get(parser.next) + "'");
        }
        return predicate;
    }

    private Predicate<Map<String, Object>> or() {
        Predicate<Map<String, Object>> left = and();
        while (accept("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, Object>> and() {
        Predicate<Map<String, Object>> left = unary();
        while (accept("and")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Map<String, Object>> unary() {
        if (accept("not")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Map<String, Object>> inner = or();
            if (!accept(")")) {
                throw syntax("')' expected");
            }
            return inner;
        }
        return comparison();
    }

    private Predicate<Map<String, Object>> comparison() {
        String name = take();
        DataverseColumns.Column column = DataverseColumns.column(name)
                .orElseThrow(() -> ODataError.unknownProperty(name));
        String op = take();
        Object literal = literal(column, take());
        return switch (op) {
            case "eq" -> row -> ODataValues.compare(row.get(name), literal) == 0
                    && (row.get(name) == null) == (literal == null);
            case "ne" -> row -> !(ODataValues.compare(row.get(name), literal) == 0
                    && (row.get(name) == null) == (literal == null));
            case "gt" -> row -> row.get(name) != null && literal != null && ODataValues.compare(row.get(name), literal) > 0;
            case "ge" -> row -> row.get(name) != null && literal != null && ODataValues.compare(row.get(name), literal) >= 0;
            case "lt" -> row -> row.get(name) != null && literal != null && ODataValues.compare(row.get(name), literal) < 0;
            case "le" -> row -> row.get(name) != null && literal != null && ODataValues.compare(row.get(name), literal) <= 0;
            default -> throw syntax("unknown operator '" + op + "'");
        };
    }

    private static Object literal(DataverseColumns.Column column, String text) {
        if (text.equals("null")) {
            return null;
        }
        try {
            return switch (column.type()) {
                case STRING -> {
                    if (text.length() < 2 || !text.startsWith("'") || !text.endsWith("'")) {
                        throw incompatible(column, text);
                    }
                    yield text.substring(1, text.length() - 1).replace("''", "'");
                }
                case GUID -> UUID.fromString(text);
                case DATETIME -> Instant.parse(text);
                case INT, LONG, DECIMAL -> new BigDecimal(text);
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw incompatible(column, text);
        }
    }

    private static ODataError incompatible(DataverseColumns.Column column, String text) {
        return ODataError.badQuery("A binary operator with incompatible types was detected. The literal '"
                + text + "' does not suit the " + column.type() + " column '" + column.name() + "'.");
    }

    private boolean accept(String token) {
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(token)) {
            next++;
            return true;
        }
        return false;
    }

    private String take() {
        if (next >= tokens.size()) {
            throw syntax("the expression ends too early");
        }
        return tokens.get(next++);
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw syntax("unterminated text literal");
                    }
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(text.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '('
                        && text.charAt(j) != ')') {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private static ODataError syntax(String detail) {
        return ODataError.badQuery("Syntax error in $filter: " + detail + ".");
    }
}
