package io.aihub.simulators.erp.sap;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.model.LatePaymentLogit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sales orders of a simulated ERP with their hidden outcome, whether each was paid late, for training and
 * evaluating the payment-risk model. Each order's fields are those the SAP connector delivers for
 * {@code A_SalesOrder} with the {@code SoldToParty} business partner looked up: the order's properties, and the
 * partner's as {@code SoldToParty_<property>}. The same seed, order and partner counts give the same orders as
 * {@link SapODataSimulator} serves.
 */
public final class SalesOrderOutcomes {

    /** The order properties a payment-risk route reads. */
    public static final List<String> ORDER_FIELDS = List.of("SoldToParty", "TotalNetAmount", "TransactionCurrency",
            "CustomerPaymentTerms");
    /** The business partner properties a payment-risk route looks up. */
    public static final List<String> PARTNER_FIELDS = List.of("YY1_Plan_bus", "YY1_TenureMonths_bus",
            "YY1_NPS_bus", "YY1_SupportCases90d_bus", "YY1_DaysSinceLastLogin_bus");
    /** Put before a partner property's name in an order's fields. */
    public static final String PARTNER_PREFIX = "SoldToParty_";

    /**
     * One order.
     *
     * @param key         the order's {@code SalesOrder} key
     * @param fields      the order and partner fields, as the connector delivers them
     * @param paidLate    the hidden outcome
     * @param probability the probability the outcome was drawn with
     */
    public record LabeledOrder(String key, Map<String, Object> fields, boolean paidLate, double probability) {
    }

    private SalesOrderOutcomes() {
    }

    /**
     * The first {@code orders} orders of a simulator seeded with {@code seed} and {@code partners} partners.
     *
     * @throws IllegalArgumentException when {@code partners} is below 1
     */
    public static List<LabeledOrder> generate(long seed, int orders, int partners) {
        if (partners < 1) {
            throw new IllegalArgumentException("an order needs at least one partner to be sold to");
        }
        AccountGenerator accounts = new AccountGenerator(seed);
        List<LabeledOrder> result = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            Map<String, Object> order = SalesOrderRows.row(seed, i, partners, SapODataSimulator.DATA_LOAD_USER);
            int partnerIndex = Integer.parseInt((String) order.get("SoldToParty")) - PartnerRows.FIRST_KEY;
            Map<String, Object> partner = PartnerRows.row(accounts.account(partnerIndex), partnerIndex,
                    SapODataSimulator.DATA_LOAD_USER);
            Map<String, Object> fields = new LinkedHashMap<>();
            ORDER_FIELDS.forEach(f -> fields.put(f, asDelivered(order.get(f))));
            PARTNER_FIELDS.forEach(f -> fields.put(PARTNER_PREFIX + f, asDelivered(partner.get(f))));
            double p = probability(order, partner);
            boolean late = new SplittableRandom(seed * 104_729L + i).nextDouble() < p;
            result.add(new LabeledOrder((String) order.get("SalesOrder"), fields, late, p));
        }
        return result;
    }

    private static double probability(Map<String, Object> order, Map<String, Object> partner) {
        return LatePaymentLogit.probability(((BigDecimal) order.get("TotalNetAmount")).doubleValue(),
                SalesOrderRows.termDays((String) order.get("CustomerPaymentTerms")),
                intOr((Integer) partner.get("YY1_TenureMonths_bus"), 0), (Integer) partner.get("YY1_NPS_bus"),
                intOr((Integer) partner.get("YY1_SupportCases90d_bus"), 0), (String) partner.get("YY1_Plan_bus"),
                intOr((Integer) partner.get("YY1_DaysSinceLastLogin_bus"), 0));
    }

    private static int intOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** Decimals as OData v2 JSON sends them (text), integers as whole numbers. */
    private static Object asDelivered(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Integer integer) {
            return integer.longValue();
        }
        return value;
    }
}
