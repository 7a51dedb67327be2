package io.aihub.simulators.crm.salesforce;

import java.util.Objects;

/**
 * One field of a simulated sObject.
 *
 * @param name       the API name with Salesforce's casing, e.g. {@code Churn_Score__c}
 * @param type       the value type
 * @param updateable whether API writes may set it (system fields may not)
 * @param nillable   whether it may be set to null
 */
record SObjectField(String name, SObjectFieldType type, boolean updateable, boolean nillable) {

    SObjectField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
