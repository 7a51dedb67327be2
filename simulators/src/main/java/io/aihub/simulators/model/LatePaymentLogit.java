package io.aihub.simulators.model;

/**
 * The hidden truth of the simulated ERP: how likely a sales order is paid late, from the order and its sold-to
 * business partner. Larger orders and longer payment terms raise the risk; a long relationship, a high NPS and an
 * Enterprise plan lower it; many recent support cases, a missing NPS, the Basic plan and a customer who has not
 * logged in for long raise it. The demo ERP draws each order's outcome from this probability, and
 * {@code ./aihub train payment-risk} learns it back from labelled orders.
 */
public final class LatePaymentLogit {

    private static final double BIAS = -1.5;

    private LatePaymentLogit() {
    }

    /**
     * The probability that the order is paid late.
     *
     * @param amount             the order's net amount, above 0
     * @param termDays           days of the payment terms (0 for immediate payment)
     * @param tenureMonths       the partner's months as a customer
     * @param nps                the partner's NPS 0 to 10, or null when unknown
     * @param supportCases90d    the partner's support cases in the last 90 days
     * @param plan               the partner's plan: Basic, Pro or Enterprise
     * @param daysSinceLastLogin days since the partner last logged in
     */
    public static double probability(double amount, int termDays, int tenureMonths, Integer nps, int supportCases90d,
            String plan, int daysSinceLastLogin) {
        double z = BIAS
                + 0.7 * Math.log(Math.max(amount, 1) / 2_500.0)
                + 0.03 * (termDays - 30)
                - 0.6 * (Math.log1p(Math.max(tenureMonths, 0)) - 3.0)
                + (nps == null ? 0.8 : -0.3 * (nps - 6.6))
                + 0.35 * (supportCases90d - 1.4)
                + ("Basic".equals(plan) ? 0.5 : "Enterprise".equals(plan) ? -0.6 : 0.0)
                + 0.015 * (daysSinceLastLogin - 18);
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
