package io.aihub.simulators.crm.salesforce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the SOQL subset the simulator serves and checks it against the object's fields:
 *
 * <pre>
 * SELECT field {, field} FROM object [WHERE condition] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST] {, ...}]
 *     [LIMIT n]
 * condition  := term {AND term} | term {OR term}
 * term       := NOT term | ( condition ) | field operator literal | field [NOT] IN ( literal {, literal} )
 * </pre>
 *
 * <p>Like Salesforce, AND and OR may not be mixed on one level without parentheses ({@code MALFORMED_QUERY}).
 * Syntax errors give {@code MALFORMED_QUERY}, unknown objects {@code INVALID_TYPE}, unknown fields and
 * literals of the wrong type {@code INVALID_FIELD}.
 */
final class SoqlParser {

    private static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "order",
            "by", "limit", "asc", "desc", "nulls", "first", "last", "in", "null", "true", "false");

    private final List<SoqlToken> tokens;
    private final SObjectSchema schema;
    private int next;

    private SoqlParser(List<SoqlToken> tokens, SObjectSchema schema) {
        this.tokens = tokens;
        this.schema = schema;
    }

    /**
     * Parses {@code soql} as a query on {@code schema}'s object.
     *
     * @throws SoqlException with the error code Salesforce would return
     */
    static SoqlQuery parse(String soql, SObjectSchema schema) {
        return new SoqlParser(SoqlLexer.tokenize(soql), schema).query();
    }

    private SoqlQuery query() {
        expectKeyword("select");
        List<SoqlToken> selected = new ArrayList<>();
        selected.add(name());
        while (accept(SoqlToken.Kind.COMMA)) {
            selected.add(name());
        }
        expectKeyword("from");
        SoqlToken entity = name();
        if (!entity.text().equalsIgnoreCase(schema.name())) {
            throw new SoqlException("INVALID_TYPE", "sObject type '" + entity.text() + "' is not supported.");
        }
        List<SObjectField> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SoqlToken token : selected) {
            SObjectField field = field(token);
            if (!seen.add(field.name())) {
                throw SoqlException.malformed("duplicate field selected: " + field.name());
            }
            fields.add(field);
        }
        SoqlCondition where = acceptKeyword("where") ? condition() : null;
        List<SoqlOrder> orderBy = new ArrayList<>();
        if (acceptKeyword("order")) {
            expectKeyword("by");
            do {
                orderBy.add(orderItem());
            } while (accept(SoqlToken.Kind.COMMA));
        }
        int limit = SoqlQuery.NO_LIMIT;
        if (acceptKeyword("limit")) {
            SoqlToken n = expect(SoqlToken.Kind.NUMBER);
            if (n.text().contains(".") || n.text().startsWith("-")) {
                throw SoqlException.unexpected(n);
            }
            limit = (int) Math.min(SoqlQuery.NO_LIMIT, Long.parseLong(n.text()));
        }
        expect(SoqlToken.Kind.END);
        return new SoqlQuery(schema, fields, where, orderBy, limit);
    }

    private SoqlCondition condition() {
        SoqlCondition first = term();
        String joiner = peek().isKeyword("and") ? "and" : peek().isKeyword("or") ? "or" : null;
        if (joiner == null) {
            return first;
        }
        List<SoqlCondition> terms = new ArrayList<>(List.of(first));
        while (acceptKeyword(joiner)) {
            terms.add(term());
        }
        if (peek().isKeyword("and") || peek().isKeyword("or")) {
            throw SoqlException.unexpected(peek());
        }
        return joiner.equals("and") ? new SoqlCondition.And(terms) : new SoqlCondition.Or(terms);
    }

    private SoqlCondition term() {
        if (acceptKeyword("not")) {
            return new SoqlCondition.Not(term());
        }
        if (accept(SoqlToken.Kind.LEFT_PAREN)) {
            SoqlCondition inner = condition();
            expect(SoqlToken.Kind.RIGHT_PAREN);
            return inner;
        }
        SObjectField field = field(name());
        if (peek().isKeyword("in") || peek().isKeyword("not")) {
            boolean negated = acceptKeyword("not");
            expectKeyword("in");
            return in(field, negated);
        }
        SoqlToken symbol = expect(SoqlToken.Kind.OPERATOR);
        SoqlOperator operator = SoqlOperator.of(symbol.text());
        SoqlToken literal = advance();
        Object value = literal(field, literal);
        if (value == null && operator != SoqlOperator.EQUALS && operator != SoqlOperator.NOT_EQUALS) {
            throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR",
                    "invalid operator on null for field " + field.name());
        }
        return new SoqlCondition.Comparison(field, operator, value);
    }

    private SoqlCondition in(SObjectField field, boolean negated) {
        expect(SoqlToken.Kind.LEFT_PAREN);
        List<Object> values = new ArrayList<>();
        do {
            SoqlToken token = advance();
            Object value = literal(field, token);
            if (value == null) {
                throw SoqlException.unexpected(token);
            }
            values.add(value);
        } while (accept(SoqlToken.Kind.COMMA));
        expect(SoqlToken.Kind.RIGHT_PAREN);
        return new SoqlCondition.In(field, values, negated);
    }

    private SoqlOrder orderItem() {
        SObjectField field = field(name());
        boolean descending = acceptKeyword("desc");
        if (!descending) {
            acceptKeyword("asc");
        }
        boolean nullsFirst = !descending;
        if (acceptKeyword("nulls")) {
            nullsFirst = acceptKeyword("first");
            if (!nullsFirst) {
                expectKeyword("last");
            }
        }
        return new SoqlOrder(field, descending, nullsFirst);
    }

    /** Converts a literal token to the field's value type; null for the NULL keyword. */
    private Object literal(SObjectField field, SoqlToken token) {
        if (token.isKeyword("null")) {
            return null;
        }
        boolean isLiteral = switch (token.kind()) {
            case STRING, NUMBER, DATETIME -> true;
            default -> token.isKeyword("true") || token.isKeyword("false");
        };
        if (!isLiteral) {
            throw SoqlException.unexpected(token);
        }
        Object value = token.isKeyword("true") ? Boolean.TRUE : token.isKeyword("false") ? Boolean.FALSE
                : token.value();
        if (value == null || !field.type().accepts(value)) {
            boolean quoted = field.type() == SObjectFieldType.ID || field.type() == SObjectFieldType.STRING;
            throw new SoqlException("INVALID_FIELD", "value of filter criterion for field '" + field.name()
                    + "' must be of type " + field.type().soqlName() + " and should "
                    + (quoted ? "" : "not ") + "be enclosed in quotes");
        }
        return value;
    }

    private SObjectField field(SoqlToken name) {
        return schema.field(name.text()).orElseThrow(() -> new SoqlException("INVALID_FIELD",
                "No such column '" + name.text() + "' on entity '" + schema.name() + "'. If you are attempting"
                + " to use a custom field, be sure to append the '__c' after the custom field name."));
    }

    private SoqlToken name() {
        SoqlToken token = advance();
        if (token.kind() != SoqlToken.Kind.WORD || RESERVED.contains(token.text().toLowerCase(Locale.ROOT))) {
            throw SoqlException.unexpected(token);
        }
        return token;
    }

    private SoqlToken peek() {
        return tokens.get(next);
    }

    private SoqlToken advance() {
        SoqlToken token = tokens.get(next);
        if (token.kind() != SoqlToken.Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(SoqlToken.Kind kind) {
        if (peek().kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    private SoqlToken expect(SoqlToken.Kind kind) {
        SoqlToken token = advance();
        if (token.kind() != kind) {
            throw SoqlException.unexpected(token);
        }
        return token;
    }

    private void expectKeyword(String keyword) {
        SoqlToken token = advance();
        if (!token.isKeyword(keyword)) {
            throw SoqlException.unexpected(token);
        }
    }
}
