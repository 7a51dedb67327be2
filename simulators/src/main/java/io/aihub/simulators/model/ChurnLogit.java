package io.aihub.simulators.model;

import java.util.List;

/**
 * A fixed logistic function over the shipped churn model's eight mapped inputs, standing in for the model on the
 * simulated servers: deterministic, no ONNX Runtime. The weights have the signs the trained model has (longer
 * since last login, more support cases, no NPS and the Basic plan raise churn; tenure, NPS, Enterprise and spend
 * lower it), so scores look plausible; they are not the trained model's numbers.
 */
public final class ChurnLogit {

    /** The churn model's input names, in input order. */
    public static final List<String> FEATURES = List.of("days_since_login", "support_cases_90d", "tenure_log",
            "nps", "nps_missing", "plan_basic", "plan_enterprise", "monthly_spend");
    /** The churn model's labels, in output order. */
    public static final List<String> LABELS = List.of("no", "yes");

    private static final double[] WEIGHTS = {0.9, 0.7, -0.8, -0.6, 0.5, 0.4, -0.5, -0.3};
    private static final double BIAS = -1.2;

    private ChurnLogit() {
    }

    /**
     * The class probabilities {@code [no, yes]} for one row of mapped inputs, rounded to FP32 as a server
     * returning a float tensor would.
     *
     * @throws IllegalArgumentException when the row does not have {@link #FEATURES}{@code .size()} values
     */
    public static float[] probabilities(double[] row) {
        if (row.length != WEIGHTS.length) {
            throw new IllegalArgumentException("expected " + WEIGHTS.length + " inputs, got " + row.length);
        }
        double z = BIAS;
        for (int i = 0; i < row.length; i++) {
            z += WEIGHTS[i] * row[i];
        }
        float yes = (float) (1.0 / (1.0 + Math.exp(-z)));
        return new float[] {1.0f - yes, yes};
    }
}
