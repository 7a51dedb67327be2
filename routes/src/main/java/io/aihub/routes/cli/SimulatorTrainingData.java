package io.aihub.routes.cli;

import io.aihub.model.JointLabels;
import io.aihub.model.training.LabeledRow;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.erp.sap.SalesOrderOutcomes;
import io.aihub.simulators.portal.TicketGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labelled training rows from the simulators' generators, for the shipped models: {@code churn} (CRM accounts and
 * whether they churned), {@code payment-risk} (SAP sales orders with their sold-to partner and whether they were
 * paid late) and {@code triage-local} (portal tickets with the priority and category the chat simulator gives
 * them, as joint labels {@code <priority>|<category>}).
 */
final class SimulatorTrainingData {

    /** The models the simulators have data for. */
    static final List<String> MODELS = List.of("churn", "payment-risk", "triage-local");
    /** Orders per business partner in the generated ERP (the demo has 5 000 partners for 20 000 orders). */
    static final int ORDERS_PER_PARTNER = 4;

    private SimulatorTrainingData() {
    }

    static boolean knows(String model) {
        return MODELS.contains(model);
    }

    static String describe(String model) {
        return switch (model) {
            case "churn" -> "simulator accounts";
            case "payment-risk" -> "simulator sales orders";
            case "triage-local" -> "simulator tickets";
            default -> throw unknown(model);
        };
    }

    /** {@code count} labelled rows of {@code model}'s simulator data, generated with {@code seed}. */
    static List<LabeledRow> rows(String model, long seed, int count) {
        return switch (model) {
            case "churn" -> new AccountGenerator(seed).generate(count).stream()
                    .map(a -> new LabeledRow(a.fields(), a.churned() ? "yes" : "no")).toList();
            case "payment-risk" -> SalesOrderOutcomes.generate(seed, count, Math.max(1, count / ORDERS_PER_PARTNER))
                    .stream().map(o -> new LabeledRow(o.fields(), o.paidLate() ? "late" : "on-time")).toList();
            case "triage-local" -> tickets(seed, count);
            default -> throw unknown(model);
        };
    }

    private static List<LabeledRow> tickets(long seed, int count) {
        TicketGenerator generator = new TicketGenerator(seed);
        List<LabeledRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> fields = generator.fields(i);
            rows.add(new LabeledRow(fields, JointLabels.join(List.of(TicketGenerator.priority(fields),
                    TicketGenerator.category(fields)))));
        }
        return rows;
    }

    private static IllegalArgumentException unknown(String model) {
        return new IllegalArgumentException("no simulator data for model " + model + " (known: " + MODELS + ")");
    }
}
