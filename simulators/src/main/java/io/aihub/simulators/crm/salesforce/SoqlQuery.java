package io.aihub.simulators.crm.salesforce;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed, type-checked SOQL query.
 *
 * @param entity  the queried object
 * @param fields  the selected fields, in SELECT order
 * @param where   the filter, or null for every record
 * @param orderBy the ORDER BY items; records equal on all of them are ordered by Id
 * @param limit   the LIMIT, or {@link #NO_LIMIT}
 */
record SoqlQuery(SObjectSchema entity, List<SObjectField> fields, SoqlCondition where, List<SoqlOrder> orderBy,
        int limit) {

    static final int NO_LIMIT = Integer.MAX_VALUE;

    SoqlQuery {
        Objects.requireNonNull(entity, "entity");
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a query selects at least one field");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** Whether a record (field API name to typed value) passes the WHERE clause. */
    boolean matches(Map<String, Object> record) {
        return where == null || where.test(record);
    }

    /** The result order: the ORDER BY items, then Id so that the order is total. */
    Comparator<Map<String, Object>> ordering() {
        Comparator<Map<String, Object>> byId = Comparator.comparing(r -> (String) r.get("Id"),
                (a, b) -> SObjectFieldType.ID.compare(a, b));
        return orderBy.stream().map(SoqlOrder::comparator).reduce(Comparator::thenComparing)
                .map(c -> c.thenComparing(byId)).orElse(byId);
    }
}
