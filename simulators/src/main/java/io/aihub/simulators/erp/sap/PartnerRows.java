package io.aihub.simulators.erp.sap;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.crm.salesforce.SalesforceDates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Business partner rows made from {@link AccountGenerator} accounts, so the churn features (and the hidden
 * outcome the generator knows) are the same as in the Salesforce demo: the features become key-user
 * extension fields ({@code YY1_..._bus}), the account's {@code SystemModstamp} becomes
 * {@code LastChangeDateTime}. Partner keys are 7-digit numbers from {@value #FIRST_KEY}.
 */
final class PartnerRows {

    /** The key of the account with index 0. */
    static final int FIRST_KEY = 1_000_001;

    private PartnerRows() {
    }

    static String key(int index) {
        return Integer.toString(FIRST_KEY + index);
    }

    static Map<String, Object> row(AccountGenerator.GeneratedAccount account, int index, String user) {
        Map<String, Object> f = account.fields();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("BusinessPartner", key(index));
        row.put("BusinessPartnerCategory", "2");
        row.put("BusinessPartnerFullName", f.get("Name"));
        row.put("Industry", f.get("Industry"));
        row.put("SearchTerm1", null);
        row.put("YY1_AnnualRevenue_bus", decimal(f.get("AnnualRevenue")));
        row.put("YY1_Employees_bus", integer(f.get("NumberOfEmployees")));
        row.put("YY1_Plan_bus", f.get("Plan__c"));
        row.put("YY1_TenureMonths_bus", integer(f.get("Tenure_Months__c")));
        row.put("YY1_MonthlySpend_bus", decimal(f.get("Monthly_Spend__c")));
        row.put("YY1_SupportCases90d_bus", integer(f.get("Support_Cases_90d__c")));
        row.put("YY1_DaysSinceLastLogin_bus", integer(f.get("Days_Since_Last_Login__c")));
        row.put("YY1_NPS_bus", integer(f.get("NPS__c")));
        row.put("YY1_ChurnScore_bus", null);
        row.put("YY1_ChurnRisk_bus", null);
        row.put("CreationDate", dayOf(instant(f.get("CreatedDate"))));
        row.put(EntityTable.CHANGED_BY, user);
        row.put(EntityTable.STAMP, instant(f.get("SystemModstamp")));
        return row;
    }

    /** A person's edit: one more support case and a recent login. */
    static void edit(Map<String, Object> row, int daysSinceLogin) {
        Integer cases = (Integer) row.get("YY1_SupportCases90d_bus");
        row.put("YY1_SupportCases90d_bus", cases == null ? 1 : cases + 1);
        row.put("YY1_DaysSinceLastLogin_bus", daysSinceLogin);
    }

    private static Instant instant(Object salesforceDate) {
        return SalesforceDates.parse((String) salesforceDate);
    }

    private static Instant dayOf(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond() - Math.floorMod(instant.getEpochSecond(), 86_400L));
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : BigDecimal.valueOf(((Number) value).doubleValue()).setScale(2,
                RoundingMode.HALF_UP);
    }

    private static Integer integer(Object value) {
        return value == null ? null : (int) Math.round(((Number) value).doubleValue());
    }
}
