package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.training.ClassificationMetrics;
import io.aihub.simulators.erp.sap.SalesOrderOutcomes;
import io.aihub.simulators.portal.TicketGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped models of the reference routes, measured on the demo's seed 42, which training never saw:
 * {@code payment-risk} on 4,000 sales orders against their hidden late-payment outcome, and the embedded triage
 * fallback {@code triage-local} on 2,000 tickets against the chat simulator's triage.
 */
class ShippedReferenceModelsQualityTest {

    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    @Test
    void paymentRiskRanksLatePayersAboveOnTimeOnesOnTheDemoSeed() {
        List<SalesOrderOutcomes.LabeledOrder> orders = SalesOrderOutcomes.generate(42, 4_000, 1_000);
        try (LoadedModel model = ModelRegistry.load(MODELS, "payment-risk", null)) {
            List<FeatureRow> rows = orders.stream().map(o -> model.mapping().map(o.fields())).toList();
            List<ModelOutcome> outcomes = model.backend().predict(rows);
            double[] scores = new double[orders.size()];
            double[] truth = new double[orders.size()];
            boolean[] late = new boolean[orders.size()];
            for (int i = 0; i < orders.size(); i++) {
                scores[i] = outcomes.get(i).prediction().score();
                truth[i] = orders.get(i).probability();
                late[i] = orders.get(i).paidLate();
            }
            double auc = ClassificationMetrics.rocAuc(scores, late);
            double ceiling = ClassificationMetrics.rocAuc(truth, late);
            assertThat(auc).as("holdout-like AUC on seed 42").isGreaterThan(0.80);
            assertThat(ceiling - auc).as("distance to the generator's own probabilities").isLessThan(0.02);
        }
    }

    @Test
    void triageLocalGivesTheChatSimulatorsPriorityAndCategoryOnTheDemoSeed() {
        TicketGenerator tickets = new TicketGenerator(42);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            fields.add(tickets.fields(i));
        }
        try (LoadedModel model = ModelRegistry.load(MODELS, "triage-local", null)) {
            assertThat(model.descriptor().outputs()).containsExactly("priority", "category");
            List<ModelOutcome> outcomes = model.backend().predict(fields.stream().map(f -> model.mapping().map(f))
                    .toList());
            int priorityRight = 0;
            int categoryRight = 0;
            for (int i = 0; i < fields.size(); i++) {
                var outputs = outcomes.get(i).prediction().outputs();
                priorityRight += outputs.get("priority").label().equals(TicketGenerator.priority(fields.get(i))) ? 1 : 0;
                categoryRight += outputs.get("category").label().equals(TicketGenerator.category(fields.get(i))) ? 1 : 0;
            }
            assertThat(priorityRight / 2_000.0).as("priority accuracy").isGreaterThan(0.97);
            assertThat(categoryRight / 2_000.0).as("category accuracy").isGreaterThan(0.97);
        }
    }
}
