package io.aihub.model.remote;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A batch split into the rows that can be sent and the rows that fail alone before any request: a feature is
 * missing, a numeric feature is not a finite number, or a text feature is not text. Sendable rows keep their
 * values in feature order: {@link Double} for numeric features, {@link String} for {@code string} ones.
 */
public final class BatchRows {

    /** Error code of a row that does not fit the model's inputs. */
    public static final String SCHEMA_MISMATCH = "MODEL_SCHEMA_MISMATCH";

    private final ModelOutcome[] outcomes;
    private final int[] sendIndexOf;
    private final List<List<Object>> values;

    private BatchRows(ModelOutcome[] outcomes, int[] sendIndexOf, List<List<Object>> values) {
        this.outcomes = outcomes;
        this.sendIndexOf = sendIndexOf;
        this.values = values;
    }

    /**
     * Checks every row against the features.
     *
     * @param reference names the model in errors, never a value
     */
    public static BatchRows prepare(List<FeatureRow> batch, List<FeatureSpec> features, String reference) {
        ModelOutcome[] outcomes = new ModelOutcome[batch.size()];
        int[] sendIndexOf = new int[batch.size()];
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<Object> row = new ArrayList<>(features.size());
            String problem = null;
            for (FeatureSpec feature : features) {
                Object value = batch.get(i).values().get(feature.name());
                problem = problem(feature, value);
                if (problem != null) {
                    break;
                }
                row.add(value instanceof Number n ? (Object) n.doubleValue() : value);
            }
            if (problem == null) {
                sendIndexOf[i] = values.size();
                values.add(row);
            } else {
                sendIndexOf[i] = -1;
                outcomes[i] = ModelOutcome.failed(new PermanentException(SCHEMA_MISMATCH, "model " + reference + ": "
                        + problem));
            }
        }
        return new BatchRows(outcomes, sendIndexOf, values);
    }

    private static String problem(FeatureSpec feature, Object value) {
        if (value == null) {
            return "feature '" + feature.name() + "' is missing";
        }
        if ("string".equals(feature.type())) {
            return value instanceof String ? null : "feature '" + feature.name() + "' is not text";
        }
        if (!(value instanceof Number number)) {
            return "feature '" + feature.name() + "' is not a number";
        }
        return Double.isFinite(number.doubleValue()) && Float.isFinite(number.floatValue()) ? null
                : "feature '" + feature.name() + "' is not a finite float";
    }

    /** The values of the rows to send, in batch order. */
    public List<List<Object>> values() {
        return values;
    }

    /** The position among the sent rows of batch row {@code batchIndex}, or -1 when it failed early. */
    public int sentIndex(int batchIndex) {
        return sendIndexOf[batchIndex];
    }

    /** True when no row can be sent. */
    public boolean nothingToSend() {
        return values.isEmpty();
    }

    /** One outcome per batch row: the early failures, and {@code sent.apply(k)} for the k-th sent row. */
    public List<ModelOutcome> complete(IntFunction<ModelOutcome> sent) {
        ModelOutcome[] result = outcomes.clone();
        for (int i = 0; i < result.length; i++) {
            if (sendIndexOf[i] >= 0) {
                result[i] = sent.apply(sendIndexOf[i]);
            }
        }
        return List.of(result);
    }
}
