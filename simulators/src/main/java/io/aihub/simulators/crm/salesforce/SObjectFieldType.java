package io.aihub.simulators.crm.salesforce;

import java.time.Instant;

/**
 * The value types of simulated sObject fields, with the ordering SOQL applies to them. Values are held as
 * {@link String} (ids, text), {@link Double} or {@link Integer} (numbers), {@link Boolean} (checkboxes) and
 * {@link Instant} (date-times).
 */
enum SObjectFieldType {
    /** A record id: compared case-sensitively on its 15-character base. */
    ID("id"),
    /** Text or picklist: compared case-insensitively, as SOQL does. */
    STRING("string"),
    DOUBLE("double"),
    INTEGER("int"),
    /** A checkbox: false sorts before true. */
    BOOLEAN("boolean"),
    DATETIME("dateTime");

    private final String soqlName;

    SObjectFieldType(String soqlName) {
        this.soqlName = soqlName;
    }

    /** The type name Salesforce uses in error messages. */
    String soqlName() {
        return soqlName;
    }

    /** True when {@code value} (non-null) is a valid value of this type. */
    boolean accepts(Object value) {
        return switch (this) {
            case ID, STRING -> value instanceof String;
            case DOUBLE, INTEGER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case DATETIME -> value instanceof Instant;
        };
    }

    /** Compares two non-null values of this type. */
    int compare(Object a, Object b) {
        return switch (this) {
            case ID -> base15((String) a).compareTo(base15((String) b));
            case STRING -> String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
            case DOUBLE, INTEGER -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case DATETIME -> ((Instant) a).compareTo((Instant) b);
        };
    }

    private static String base15(String id) {
        return id.length() == 18 ? id.substring(0, 15) : id;
    }
}
