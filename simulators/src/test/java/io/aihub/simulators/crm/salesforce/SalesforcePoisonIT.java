package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Poisoned accounts are served with exactly the bad bytes each {@link PoisonKind} describes. */
class SalesforcePoisonIT {

    private static final String SOQL = "SELECT Id, Plan__c, NPS__c, Tenure_Months__c, Days_Since_Last_Login__c,"
            + " Monthly_Spend__c, SystemModstamp FROM Account ORDER BY Id";

    @Test
    void shouldServeEachPoisonedAccountWithItsRawBadBytesAndTheOthersSound() throws Exception {
        try (SalesforceSimulator sim = SalesforceSimulator.builder().accounts(20).seed(3L).build()) {
            sim.start();
            List<String> ids = new ArrayList<>(new TreeSet<>(sim.accountIds()));
            PoisonKind[] kinds = PoisonKind.values();
            for (int i = 0; i < kinds.length; i++) {
                sim.poison(ids.get(i), kinds[i]);
            }
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());

            byte[] body = http.queryRaw(http.token("aihub-demo", "demo-secret"), SOQL);

            assertThat((long) body.length).isGreaterThan(PoisonKind.HUGE_STRING_BYTES);
            String text = new String(body, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("\"Tenure_Months__c\":\"abc\"")
                    .contains("\"Days_Since_Last_Login__c\":{\"value\":12}")
                    .contains("\"NPS__c\":" + "[".repeat(PoisonKind.NESTING_DEPTH) + "]".repeat(PoisonKind.NESTING_DEPTH))
                    .contains("\"Plan__c\":\"x" + "x".repeat(1000))
                    .contains("\"Plan__c\":\"Ba\u00C3(\u00FFsic\"")
                    .contains("\"Monthly_Spend__c\":NaN}");
            String missing = record(text, ids.get(2));
            assertThat(missing).doesNotContain("Plan__c").contains("\"NPS__c\"");
            assertThat(record(text, ids.get(10))).contains("\"Plan__c\":\"").contains("\"Monthly_Spend__c\":");
            assertThat(sim.account(ids.get(0)).get("Tenure_Months__c")).as("the stored account is unchanged")
                    .isInstanceOf(Number.class);

            sim.clearPoison();
            assertThat(http.query(http.token("aihub-demo", "demo-secret"), SOQL, null).body().get("records"))
                    .hasSize(20);
        }
    }

    /** The wire text of one record, from its Id to the next record. */
    private static String record(String page, String id) {
        int start = page.indexOf("\"Id\":\"" + id + "\"");
        int end = page.indexOf("{\"attributes\"", start);
        return page.substring(start, end < 0 ? page.length() : end);
    }
}
