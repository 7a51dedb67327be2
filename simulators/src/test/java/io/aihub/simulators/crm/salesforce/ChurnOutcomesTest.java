package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recorded churn outcomes follow the generator's hidden truth; a shift changes one visible field only. */
class ChurnOutcomesTest {

    @Test
    void shouldRecordEachAccountsHiddenChurnOutcomeOnce() {
        try (SalesforceSimulator sim = SalesforceSimulator.builder().accounts(300).seed(5L).build()) {
            List<AccountGenerator.GeneratedAccount> generated = new AccountGenerator(5L).generate(300);
            String first = generated.get(0).id();
            assertThat(sim.account(first)).containsEntry("Churned__c", null).containsEntry("Churn_Date__c", null);
            String stampBefore = (String) sim.account(first).get("SystemModstamp");

            Map<String, Boolean> recorded = sim.recordChurnOutcomes();

            assertThat(recorded).hasSize(300);
            for (AccountGenerator.GeneratedAccount account : generated) {
                assertThat(recorded.get(account.id())).as(account.id()).isEqualTo(account.churned());
                assertThat(sim.account(account.id()).get("Churned__c")).isEqualTo(account.churned());
                assertThat(sim.churns(account.id())).isEqualTo(account.churned());
            }
            assertThat(recorded.values()).contains(true, false);
            assertThat(sim.account(first).get("Churn_Date__c")).isNotNull();
            assertThat((String) sim.account(first).get("SystemModstamp")).isGreaterThan(stampBefore);
            assertThat(sim.account(first)).containsEntry("LastModifiedById", SalesforceSimulator.HUMAN_USER_ID);
            assertThat(sim.recordChurnOutcomes()).as("already recorded").isEmpty();
        }
    }

    @Test
    void shouldShiftOnlyTheChosenFieldAndKeepTheTruth() {
        AccountGenerator plain = new AccountGenerator(9L);
        AccountGenerator shifted = plain.withShift("Days_Since_Last_Login__c", v -> v + 60);
        for (int i = 0; i < 50; i++) {
            Map<String, Object> a = plain.account(i).fields();
            Map<String, Object> b = shifted.account(i).fields();
            assertThat((Double) b.get("Days_Since_Last_Login__c"))
                    .isEqualTo((Double) a.get("Days_Since_Last_Login__c") + 60);
            assertThat(b).containsAllEntriesOf(Map.of("Support_Cases_90d__c", a.get("Support_Cases_90d__c"),
                    "Tenure_Months__c", a.get("Tenure_Months__c"), "Plan__c", a.get("Plan__c")));
            assertThat(shifted.account(i).churned()).isEqualTo(plain.account(i).churned());
        }
        assertThatThrownBy(() -> plain.withShift("Name", v -> v)).isInstanceOf(IllegalArgumentException.class);
    }
}
