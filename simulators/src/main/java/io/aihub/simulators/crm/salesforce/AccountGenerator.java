package io.aihub.simulators.crm.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic sample accounts with realistic fields and a hidden ground-truth churn outcome.
 *
 * <p>The outcome follows a known logistic law of the observable fields plus noise, so a model trained on
 * one seed can be measured honestly on another. The law is not visible through the API; only Java callers
 * (training, evaluation) see {@link GeneratedAccount#churned()}.
 *
 * <p>Modification stamps deliberately repeat: every {@value #ACCOUNTS_PER_STAMP} consecutive accounts share
 * one {@code SystemModstamp}, as after a bulk load, so paging must order and resume on (stamp, id).
 */
public final class AccountGenerator {

    /** How many accounts share one modification stamp. */
    public static final int ACCOUNTS_PER_STAMP = 7;
    /** The first modification stamp of generated data. */
    public static final Instant BASE_TIME = Instant.parse("2026-01-05T08:00:00Z");

    static final String[] INDUSTRIES = {"Technology", "Manufacturing", "Retail", "Finance", "Healthcare",
        "Education", "Energy", "Media", "Transportation", "Hospitality"};
    static final String[] PLANS = {"Basic", "Pro", "Enterprise"};
    private static final String[] NAME_A = {"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka",
        "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Massive", "Blue Sun", "Oceanic"};
    private static final String[] NAME_B = {"Systems", "Industries", "Labs", "Holdings", "Logistics", "Foods",
        "Analytics", "Networks", "Partners", "Works", "Dynamics", "Group"};

    private final long seed;

    public AccountGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * One generated account.
     *
     * @param fields  the Salesforce fields as the API returns them (Id, Name, ... SystemModstamp)
     * @param churned the hidden outcome: whether this account churned
     * @param churnProbability the true churn probability the outcome was drawn from
     */
    public record GeneratedAccount(Map<String, Object> fields, boolean churned, double churnProbability) {

        public String id() {
            return (String) fields.get("Id");
        }
    }

    /** Generates {@code count} accounts; the same seed and count always give the same accounts. */
    public List<GeneratedAccount> generate(int count) {
        List<GeneratedAccount> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(account(i));
        }
        return out;
    }

    /** The {@code index}-th account of this seed. */
    public GeneratedAccount account(int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
        String plan = pick(rnd, PLANS, new double[] {0.5, 0.35, 0.15});
        String industry = INDUSTRIES[rnd.nextInt(INDUSTRIES.length)];
        double sizeFactor = switch (plan) {
            case "Enterprise" -> 3.0;
            case "Pro" -> 1.5;
            default -> 0.8;
        };
        int employees = (int) Math.max(2, Math.round(Math.exp(3.2 + 1.3 * gaussian(rnd)) * sizeFactor));
        double revenue = Math.round(employees * (90_000 + 40_000 * gaussian(rnd)) / 1000.0) * 1000.0;
        revenue = Math.max(50_000, revenue);
        int tenure = 1 + (int) Math.min(119, Math.round(-Math.log(1 - rnd.nextDouble()) * 30));
        double monthlySpend = Math.round(Math.max(49, sizeFactor * 400 * Math.exp(0.5 * gaussian(rnd))) * 100) / 100.0;
        int daysSinceLogin = (int) Math.min(365, Math.round(-Math.log(1 - rnd.nextDouble()) * 18));
        int cases = poisson(rnd, 1.2 + (daysSinceLogin > 30 ? 1.0 : 0.0));
        Integer nps = rnd.nextDouble() < 0.06 ? null
                : (int) Math.max(0, Math.min(10, Math.round(7 - 0.08 * cases * 3 + 2.2 * gaussian(rnd))));

        double npsValue = nps == null ? 6.5 : nps;
        double z = 1.3 * (-1.35
                + 0.055 * daysSinceLogin
                + 0.42 * cases
                - 0.55 * Math.log(tenure)
                - 0.32 * (npsValue - 6.5)
                + (plan.equals("Basic") ? 0.55 : plan.equals("Enterprise") ? -0.7 : 0.0)
                - 0.0006 * (monthlySpend - 500))
                + 0.3 * gaussian(rnd);
        double p = 1.0 / (1.0 + Math.exp(-z));
        boolean churned = rnd.nextDouble() < p;

        Instant stamp = BASE_TIME.plusSeconds((long) (index / ACCOUNTS_PER_STAMP) * 13);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Id", SalesforceIds.of("001", "5g0", index + 1L));
        f.put("Name", NAME_A[rnd.nextInt(NAME_A.length)] + " " + NAME_B[rnd.nextInt(NAME_B.length)] + " " + (index + 1));
        f.put("Industry", industry);
        f.put("AnnualRevenue", revenue);
        f.put("NumberOfEmployees", employees);
        f.put("Plan__c", plan);
        f.put("Tenure_Months__c", (double) tenure);
        f.put("Monthly_Spend__c", monthlySpend);
        f.put("Support_Cases_90d__c", (double) cases);
        f.put("Days_Since_Last_Login__c", (double) daysSinceLogin);
        f.put("NPS__c", nps == null ? null : (double) nps);
        f.put("Churn_Score__c", null);
        f.put("Churn_Risk__c", null);
        // No generated contact details: tests set them with editAccount when they need personal data.
        f.put("Email__c", null);
        f.put("Phone", null);
        f.put("CreatedDate", SalesforceDates.format(stamp.minusSeconds(86_400L * 30 * tenure)));
        f.put("LastModifiedDate", SalesforceDates.format(stamp));
        f.put("LastModifiedById", SalesforceIds.of("005", "5g0", 1));
        f.put("SystemModstamp", SalesforceDates.format(stamp));
        return new GeneratedAccount(f, churned, p);
    }

    private static String pick(SplittableRandom rnd, String[] values, double[] weights) {
        double u = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static int poisson(SplittableRandom rnd, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
