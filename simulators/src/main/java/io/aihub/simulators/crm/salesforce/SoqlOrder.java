package io.aihub.simulators.crm.salesforce;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * One ORDER BY item.
 *
 * @param field      the field to order by
 * @param descending DESC rather than ASC
 * @param nullsFirst NULLS FIRST rather than NULLS LAST
 */
record SoqlOrder(SObjectField field, boolean descending, boolean nullsFirst) {

    SoqlOrder {
        Objects.requireNonNull(field, "field");
    }

    /** Orders records (field API name to typed value) by this item. */
    Comparator<Map<String, Object>> comparator() {
        Comparator<Object> values = (a, b) -> field.type().compare(a, b);
        if (descending) {
            values = values.reversed();
        }
        Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
        return Comparator.comparing(record -> record.get(field.name()), withNulls);
    }
}
