package io.aihub.simulators.crm.salesforce;

/** The SOQL comparison operators. */
enum SoqlOperator {
    EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL;

    /** The operator for {@code symbol}, or null when it is not a comparison operator. */
    static SoqlOperator of(String symbol) {
        return switch (symbol) {
            case "=" -> EQUALS;
            case "!=", "<>" -> NOT_EQUALS;
            case "<" -> LESS;
            case "<=" -> LESS_OR_EQUAL;
            case ">" -> GREATER;
            case ">=" -> GREATER_OR_EQUAL;
            default -> null;
        };
    }

    /** Whether the operator holds for a comparison result ({@code compare(value, literal)}). */
    boolean holds(int comparison) {
        return switch (this) {
            case EQUALS -> comparison == 0;
            case NOT_EQUALS -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
    }
}
