package io.aihub.simulators.portal;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic portal events about the accounts of {@link AccountGenerator}: even indexes are
 * {@code account.updated}, odd ones {@code ticket.created}. Each carries the account's churn features under
 * their Salesforce names, so the hub can score it with the churn model.
 */
public final class PortalEventGenerator {

    /** The account fields every event carries. */
    public static final List<String> FIELDS = List.of("Name", "Plan__c", "Tenure_Months__c", "Monthly_Spend__c",
            "Support_Cases_90d__c", "Days_Since_Last_Login__c", "NPS__c");

    private final long seed;
    private final AccountGenerator accounts;

    public PortalEventGenerator(long seed) {
        this.seed = seed;
        this.accounts = new AccountGenerator(seed);
    }

    /** The {@code index}-th event of this seed; the same seed and index always give the same event. */
    public PortalEvent event(int index) {
        AccountGenerator.GeneratedAccount account = accounts.account(index);
        Map<String, Object> fields = new LinkedHashMap<>();
        FIELDS.forEach(f -> fields.put(f, account.fields().get(f)));
        String type = index % 2 == 0 ? "account.updated" : "ticket.created";
        Instant occurredAt = AccountGenerator.BASE_TIME.plusSeconds(60L * index);
        return new PortalEvent("evt_" + seed + "_" + index, type, occurredAt, account.id(), fields);
    }
}
