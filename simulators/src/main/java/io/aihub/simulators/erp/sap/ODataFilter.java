package io.aihub.simulators.erp.sap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code $filter} subset the simulator understands: comparisons {@code <property> eq|ne|gt|ge|lt|le
 * <literal>} joined by {@code and}, {@code or}, {@code not} and parentheses. Literals: {@code 'text'}
 * (quotes doubled inside), {@code datetimeoffset'..'}, {@code datetime'..'}, numbers and {@code null}.
 * Comparisons against null follow OData: only {@code eq null} and {@code ne null} can hold.
 */
final class ODataFilter {

    private final String text;
    private final EntitySchema schema;
    private int pos;

    private ODataFilter(String text, EntitySchema schema) {
        this.text = text;
        this.schema = schema;
    }

    /**
     * Parses a filter over rows of {@code schema}.
     *
     * @throws SapODataError 400 naming what could not be parsed
     */
    static Predicate<Map<String, Object>> parse(String text, EntitySchema schema) {
        ODataFilter parser = new ODataFilter(text, schema);
        Predicate<Map<String, Object>> result = parser.orExpression();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text");
        }
        return result;
    }

    private Predicate<Map<String, Object>> orExpression() {
        Predicate<Map<String, Object>> left = andExpression();
        while (keyword("or")) {
            left = left.or(andExpression());
        }
        return left;
    }

    private Predicate<Map<String, Object>> andExpression() {
        Predicate<Map<String, Object>> left = unary();
        while (keyword("and")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Map<String, Object>> unary() {
        skipSpaces();
        if (keyword("not")) {
            return unary().negate();
        }
        if (peek() == '(') {
            pos++;
            Predicate<Map<String, Object>> inner = orExpression();
            skipSpaces();
            if (peek() != ')') {
                throw error("missing ')'");
            }
            pos++;
            return inner;
        }
        return comparison();
    }

    private Predicate<Map<String, Object>> comparison() {
        String property = identifier();
        ODataProperty declared = schema.property(property)
                .orElseThrow(() -> SapODataError.badRequest("Property '" + property + "' not found in $filter"));
        skipSpaces();
        String operator = identifier();
        skipSpaces();
        Object literal = literal(declared);
        String name = declared.name();
        return switch (operator) {
            case "eq" -> row -> compare(row.get(name), literal) == 0;
            case "ne" -> row -> compare(row.get(name), literal) != 0;
            case "gt" -> row -> ordered(row.get(name), literal) && compare(row.get(name), literal) > 0;
            case "ge" -> row -> ordered(row.get(name), literal) && compare(row.get(name), literal) >= 0;
            case "lt" -> row -> ordered(row.get(name), literal) && compare(row.get(name), literal) < 0;
            case "le" -> row -> ordered(row.get(name), literal) && compare(row.get(name), literal) <= 0;
            default -> throw error("unknown operator '" + operator + "'");
        };
    }

    private static boolean ordered(Object a, Object b) {
        return a != null && b != null;
    }

    /** Compares two stored values of one property; null sorts first. */
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw SapODataError.badRequest("Incompatible types in $filter comparison");
    }

    private Object literal(ODataProperty property) {
        if (Character.isDigit(peek()) || peek() == '-') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.' || peek() == '-')) {
                pos++;
            }
            String number = text.substring(start, pos);
            if (pos < text.length() && "MmLlDdFf".indexOf(peek()) >= 0) {
                pos++;
            }
            try {
                return new BigDecimal(number);
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
        }
        String prefix = peek() == '\'' ? "" : identifier();
        if (prefix.equals("null")) {
            return null;
        }
        String quoted = quoted();
        try {
            return switch (prefix) {
                case "" -> {
                    if (property.type() != EdmType.STRING) {
                        throw SapODataError.badRequest("Invalid literal for property '" + property.name() + "'");
                    }
                    yield quoted;
                }
                case "datetimeoffset" -> ODataDates.parseDateTimeOffsetLiteral(quoted);
                case "datetime" -> ODataDates.parseDateTimeLiteral(quoted);
                default -> throw error("unknown literal type '" + prefix + "'");
            };
        } catch (DateTimeParseException e) {
            throw error("bad date-time literal");
        }
    }

    private String quoted() {
        if (peek() != '\'') {
            throw error("expected a quoted literal");
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (peek() == '\'') {
                    value.append('\'');
                    pos++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw error("unterminated literal");
    }

    private String identifier() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private boolean keyword(String word) {
        skipSpaces();
        int end = pos + word.length();
        if (text.regionMatches(pos, word, 0, word.length())
                && (end == text.length() || text.charAt(end) == ' ' || text.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private SapODataError error(String what) {
        return SapODataError.badRequest("Invalid $filter at position " + pos + ": " + what);
    }
}
