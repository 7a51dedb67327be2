package io.aihub.bench;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's records: the fields a CRM source reads (as {@code crm.fields} in the default profile),
 * taken from {@link AccountGenerator}, so the shipped churn model maps them. Record {@code i} carries the
 * fields of generated account {@code i % RING} and the id {@code bench-<i>}: a ring of distinct accounts
 * keeps the generator's cost and the memory of 200,000 records out of the measurement, while every part
 * (hub, raw model, raw JMS, raw JDBC) sees the same rows in the same order.
 */
public final class BenchData {

    /** Distinct generated accounts the records cycle through. */
    public static final int RING = 4096;
    /** The generator seed (the demo CRM's). */
    public static final long SEED = 42L;
    /** The fields a record carries, in the order the CRM source reads them. */
    public static final List<String> FIELDS = List.of("Name", "Industry", "AnnualRevenue", "NumberOfEmployees",
            "Plan__c", "Tenure_Months__c", "Monthly_Spend__c", "Support_Cases_90d__c", "Days_Since_Last_Login__c",
            "NPS__c");

    private static final List<Map<String, Object>> ACCOUNTS = generate();

    private BenchData() {
    }

    private static List<Map<String, Object>> generate() {
        AccountGenerator generator = new AccountGenerator(SEED);
        List<Map<String, Object>> out = new ArrayList<>(RING);
        for (int i = 0; i < RING; i++) {
            Map<String, Object> all = generator.account(i).fields();
            Map<String, Object> picked = new LinkedHashMap<>();
            for (String field : FIELDS) {
                picked.put(field, all.get(field));
            }
            out.add(Collections.unmodifiableMap(picked));
        }
        return List.copyOf(out);
    }

    /** The fields of record {@code index}. */
    public static Map<String, Object> fields(long index) {
        return ACCOUNTS.get((int) (index % RING));
    }

    /** The id of record {@code index}. */
    public static String id(long index) {
        return "bench-" + index;
    }
}
