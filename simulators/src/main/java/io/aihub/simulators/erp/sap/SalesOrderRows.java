package io.aihub.simulators.erp.sap;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic sales order headers: 7-digit keys from {@value #FIRST_KEY}, sold to seeded partners, five
 * orders sharing each {@code LastChangeDateTime} (17 s apart, from {@link AccountGenerator#BASE_TIME}).
 */
final class SalesOrderRows {

    static final int FIRST_KEY = 5_000_001;
    static final int ORDERS_PER_STAMP = 5;

    private static final String[] CURRENCIES = {"EUR", "USD", "EUR", "GBP"};
    private static final String[] STATUSES = {"A", "B", "C", "C"};
    /** SAP payment terms keys; {@link #termDays} gives their days. */
    static final String[] PAYMENT_TERMS = {"0001", "NT30", "NT30", "NT45", "NT60", "NT90"};

    private SalesOrderRows() {
    }

    static Instant stamp(int index) {
        return AccountGenerator.BASE_TIME.plusSeconds((long) (index / ORDERS_PER_STAMP) * 17);
    }

    /** Days of a payment terms key: {@code 0001} is immediate, {@code NTnn} is net nn days. */
    static int termDays(String terms) {
        return terms.startsWith("NT") ? Integer.parseInt(terms.substring(2)) : 0;
    }

    static Map<String, Object> row(long seed, int index, int partners, String user) {
        SplittableRandom rnd = new SplittableRandom(seed * 7_919L + index);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("SalesOrder", Integer.toString(FIRST_KEY + index));
        row.put("SalesOrderType", "OR");
        row.put("SalesOrganization", "1010");
        row.put("DistributionChannel", "10");
        row.put("OrganizationDivision", "00");
        row.put("SoldToParty", PartnerRows.key(partners == 0 ? 0 : rnd.nextInt(partners)));
        row.put("PurchaseOrderByCustomer", "PO-" + (100_000 + rnd.nextInt(900_000)));
        row.put("TotalNetAmount", BigDecimal.valueOf(50 + rnd.nextDouble() * 20_000).setScale(2,
                RoundingMode.HALF_UP));
        row.put("TransactionCurrency", CURRENCIES[rnd.nextInt(CURRENCIES.length)]);
        row.put("OverallSDProcessStatus", STATUSES[rnd.nextInt(STATUSES.length)]);
        row.put("YY1_ChurnScore_SDH", null);
        Instant stamp = stamp(index);
        Instant created = Instant.ofEpochSecond(stamp.getEpochSecond()
                - Math.floorMod(stamp.getEpochSecond(), 86_400L) - 86_400L * rnd.nextInt(30));
        row.put("CustomerPaymentTerms", PAYMENT_TERMS[rnd.nextInt(PAYMENT_TERMS.length)]);
        row.put("YY1_PaymentRisk_SDH", null);
        row.put("YY1_PaymentRiskBand_SDH", null);
        row.put("CreationDate", created);
        row.put(EntityTable.CHANGED_BY, user);
        row.put(EntityTable.STAMP, stamp);
        return row;
    }
}
