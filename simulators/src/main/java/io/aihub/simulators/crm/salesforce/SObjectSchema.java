package io.aihub.simulators.crm.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The describe of a simulated sObject: its name, key prefix and fields, looked up case-insensitively. */
final class SObjectSchema {

    /** The Account object as {@link AccountGenerator} fills it. */
    static final SObjectSchema ACCOUNT = new SObjectSchema("Account", "001", List.of(
            new SObjectField("Id", SObjectFieldType.ID, false, false),
            new SObjectField("Name", SObjectFieldType.STRING, true, false),
            new SObjectField("Industry", SObjectFieldType.STRING, true, true),
            new SObjectField("AnnualRevenue", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("NumberOfEmployees", SObjectFieldType.INTEGER, true, true),
            new SObjectField("Plan__c", SObjectFieldType.STRING, true, true),
            new SObjectField("Tenure_Months__c", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("Monthly_Spend__c", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("Support_Cases_90d__c", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("Days_Since_Last_Login__c", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("NPS__c", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("Churn_Score__c", SObjectFieldType.DOUBLE, true, true),
            new SObjectField("Churn_Risk__c", SObjectFieldType.STRING, true, true),
            new SObjectField("Churned__c", SObjectFieldType.BOOLEAN, true, true),
            new SObjectField("Churn_Date__c", SObjectFieldType.DATETIME, true, true),
            new SObjectField("Email__c", SObjectFieldType.STRING, true, true),
            new SObjectField("Phone", SObjectFieldType.STRING, true, true),
            new SObjectField("CreatedDate", SObjectFieldType.DATETIME, false, false),
            new SObjectField("LastModifiedDate", SObjectFieldType.DATETIME, false, false),
            new SObjectField("LastModifiedById", SObjectFieldType.ID, false, false),
            new SObjectField("IsDeleted", SObjectFieldType.BOOLEAN, false, false),
            new SObjectField("SystemModstamp", SObjectFieldType.DATETIME, false, false)));

    private final String name;
    private final String keyPrefix;
    private final Map<String, SObjectField> byName = new LinkedHashMap<>();
    private final Map<String, SObjectField> byLowerName = new LinkedHashMap<>();

    private SObjectSchema(String name, String keyPrefix, List<SObjectField> fields) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        for (SObjectField field : fields) {
            byName.put(field.name(), field);
            byLowerName.put(field.name().toLowerCase(Locale.ROOT), field);
        }
    }

    String name() {
        return name;
    }

    /** The three-character id prefix of this object's records, e.g. {@code 001}. */
    String keyPrefix() {
        return keyPrefix;
    }

    List<SObjectField> fields() {
        return List.copyOf(byLowerName.values());
    }

    /** The field with this API name in any casing, as SOQL and the REST API resolve names. */
    Optional<SObjectField> field(String apiName) {
        SObjectField exact = byName.get(apiName);
        return Optional.ofNullable(exact != null ? exact : byLowerName.get(apiName.toLowerCase(Locale.ROOT)));
    }
}
