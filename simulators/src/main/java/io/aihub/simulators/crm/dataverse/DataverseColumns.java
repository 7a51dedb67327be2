package io.aihub.simulators.crm.dataverse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the simulated {@code account} table (entity set {@code accounts}), by logical name. The
 * churn fields of {@link io.aihub.simulators.crm.salesforce.AccountGenerator} are custom columns with the
 * publisher prefix {@code aihub_}; the hub writes {@link #CHURN_SCORE} and {@link #CHURN_RISK} back.
 */
public final class DataverseColumns {

    /** The primary key, a GUID. */
    public static final String ACCOUNT_ID = "accountid";
    public static final String NAME = "name";
    public static final String REVENUE = "revenue";
    public static final String NUMBER_OF_EMPLOYEES = "numberofemployees";
    /** Salesforce {@code Days_Since_Last_Login__c}. */
    public static final String DAYS_SINCE_LAST_LOGIN = "aihub_dayssincelastlogin";
    /** Salesforce {@code Support_Cases_90d__c}. */
    public static final String SUPPORT_CASES_90D = "aihub_supportcases90d";
    /** Salesforce {@code Tenure_Months__c}. */
    public static final String TENURE_MONTHS = "aihub_tenuremonths";
    /** Salesforce {@code NPS__c}; null when the customer gave no score. */
    public static final String NPS = "aihub_nps";
    /** Salesforce {@code Plan__c}: Basic, Pro or Enterprise. */
    public static final String PLAN = "aihub_plan";
    /** Salesforce {@code Monthly_Spend__c}. */
    public static final String MONTHLY_SPEND = "aihub_monthlyspend";
    /** Written back: the churn probability (decimal). */
    public static final String CHURN_SCORE = "aihub_churnscore";
    /** Written back: the churn risk band (text). */
    public static final String CHURN_RISK = "aihub_churnrisk";
    public static final String CREATED_ON = "createdon";
    /** When the row last changed, to the second; moves on every write. */
    public static final String MODIFIED_ON = "modifiedon";
    /** The row version; {@code @odata.etag} is {@code W/"<versionnumber>"}. */
    public static final String VERSION_NUMBER = "versionnumber";
    /** The user who last changed the row (a lookup, so its Web API name carries {@code _..._value}). */
    public static final String MODIFIED_BY = "_modifiedby_value";

    /** The Edm type of a column, as the simulator stores and compares it. */
    enum Type {
        GUID, STRING, INT, DECIMAL, DATETIME, LONG
    }

    /**
     * One column.
     *
     * @param name     the logical name
     * @param type     how values are held
     * @param writable whether a PATCH may set it (read-only columns in a body are ignored, as Dataverse does)
     */
    record Column(String name, Type type, boolean writable) {
    }

    static final Map<String, Column> ALL;

    static {
        Map<String, Column> all = new LinkedHashMap<>();
        add(all, ACCOUNT_ID, Type.GUID, false);
        add(all, NAME, Type.STRING, true);
        add(all, REVENUE, Type.DECIMAL, true);
        add(all, NUMBER_OF_EMPLOYEES, Type.INT, true);
        add(all, DAYS_SINCE_LAST_LOGIN, Type.INT, true);
        add(all, SUPPORT_CASES_90D, Type.INT, true);
        add(all, TENURE_MONTHS, Type.INT, true);
        add(all, NPS, Type.INT, true);
        add(all, PLAN, Type.STRING, true);
        add(all, MONTHLY_SPEND, Type.DECIMAL, true);
        add(all, CHURN_SCORE, Type.DECIMAL, true);
        add(all, CHURN_RISK, Type.STRING, true);
        add(all, CREATED_ON, Type.DATETIME, false);
        add(all, MODIFIED_ON, Type.DATETIME, false);
        add(all, VERSION_NUMBER, Type.LONG, false);
        add(all, MODIFIED_BY, Type.GUID, false);
        ALL = Collections.unmodifiableMap(all);
    }

    private DataverseColumns() {
    }

    private static void add(Map<String, Column> all, String name, Type type, boolean writable) {
        all.put(name, new Column(name, type, writable));
    }

    static Optional<Column> column(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
