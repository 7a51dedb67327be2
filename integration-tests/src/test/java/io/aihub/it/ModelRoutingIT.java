package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import io.aihub.routes.HubApplication;
import io.aihub.routes.flow.Challenger;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.aihub.simulators.model.KServeV2Simulator;
import io.aihub.simulators.model.ModelFault;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a route's model runs, and which version, is configuration: the KServe v2 backend gives the embedded
 * ONNX scores; a failing, slow model server loses nothing and shows its breaker in metrics; shadow and canary
 * versions; a declared default-score fallback.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ModelRoutingIT {

    private static final String ROUTE = "crm-account-churn";
    private static LoadedModel onnx;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadEmbedded() {
        onnx = ModelRegistry.load(HubHarness.MODELS, "churn", "1.0.0");
    }

    @AfterAll
    static void close() {
        onnx.close();
    }

    private static float[] onnxScores(double[] row) {
        return TestModels.probabilities(onnx, row);
    }

    private Path kserveModels(String url, String resilience) throws IOException {
        return TestModels.kserveChurn(dir.resolve("kserve-models"), url, resilience);
    }

    /** The shipped 1.0.0 and a 1.1.0 that weighs NPS differently (its standardize mean moved). */
    private Path twoVersions() throws IOException {
        Path models = dir.resolve("two-versions");
        for (String v : List.of("1.0.0", "1.1.0")) {
            Path target = models.resolve("churn").resolve(v);
            Files.createDirectories(target);
            Files.copy(HubHarness.MODELS.resolve("churn/1.0.0/model.onnx"), target.resolve("model.onnx"));
            String yaml = Files.readString(HubHarness.MODELS.resolve("churn/1.0.0/model.yaml"), StandardCharsets.UTF_8);
            if (v.equals("1.1.0")) {
                yaml = yaml.replace("version: 1.0.0", "version: 1.1.0")
                        .replace("mean: 6.60254361432939", "mean: 5.0");
                assertThat(yaml).contains("mean: 5.0");
            }
            Files.writeString(target.resolve("model.yaml"), yaml, StandardCharsets.UTF_8);
        }
        return models;
    }

    private record Row(String modelVersion, double score, String fallback) {
    }

    private Map<String, Row> runToIdle(SalesforceSimulator crm, Path data, Map<String, String> extra,
            java.util.function.Consumer<HubApplication> check) throws Exception {
        HubHarness harness = new HubHarness(data, crm.baseUrl());
        extra.forEach(harness::with);
        HubApplication app = harness.application();
        app.start();
        try {
            assertThat(app.awaitIdle(Duration.ofMinutes(5))).as("drained").isTrue();
            check.accept(app);
            Map<String, Row> rows = new HashMap<>();
            try (Connection c = app.runtime().database().connection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT record_id, model_version, score, fallback FROM predictions")) {
                while (rs.next()) {
                    assertThat(rows.put(rs.getString(1), new Row(rs.getString(2), rs.getDouble(3), rs.getString(4))))
                            .as("one row per record").isNull();
                }
            }
            return rows;
        } finally {
            app.stop();
        }
    }

    @Test
    void kserveBackendByConfigurationGivesTheEmbeddedScores() throws Exception {
        Map<String, Row> embedded;
        Map<String, Row> remote;
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(600).seed(11L).build()) {
            crm.start();
            embedded = runToIdle(crm, dir.resolve("embedded"), Map.of(), app -> { });
        }
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(600).seed(11L).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().scorer(ModelRoutingIT::onnxScores).start()) {
            crm.start();
            remote = runToIdle(crm, dir.resolve("remote"),
                    Map.of("aihub.models.dir", kserveModels(kserve.baseUrl(), "").toString()), app -> { });
            assertThat(kserve.scoringRequests()).isPositive();
        }
        assertThat(remote.keySet()).hasSize(600).isEqualTo(embedded.keySet());
        embedded.forEach((id, row) -> assertThat(remote.get(id).score()).as("score of %s", id)
                .isCloseTo(row.score(), within(1e-6)));
    }

    @Test
    void aFailingSlowModelServerLosesNothingAndItsBreakerShowsInMetrics() throws Exception {
        int accounts = Integer.getInteger("aihub.it.model.accounts", 5000);
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(accounts).seed(12L).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().scorer(ModelRoutingIT::onnxScores).start()) {
            crm.start();
            Random random = new Random(20261202L);
            int failures = 0;
            for (int i = 0; i < 2000; i++) {
                double r = random.nextDouble();
                kserve.inject(r < 0.3 ? ModelFault.status(503)
                        : r < 0.4 ? ModelFault.delay(Duration.ofMillis(1500)) : ModelFault.delay(Duration.ZERO), 1);
                failures += r < 0.4 ? 1 : 0;
            }
            assertThat(failures).isBetween(700, 900);
            String resilience = "resilience:\n  retry:\n    maxAttempts: 2\n    initialBackoff: 50ms\n"
                    + "    maxBackoff: 200ms\n  circuitBreaker:\n    failureRateThreshold: 40\n"
                    + "    slidingWindowSize: 10\n    minimumNumberOfCalls: 5\n    waitInOpenState: 1s\n"
                    + "    permittedCallsInHalfOpenState: 2\n";
            Map<String, Row> rows = runToIdle(crm, dir.resolve("faulty"), Map.of(
                    "aihub.models.dir", kserveModels(kserve.baseUrl(), resilience).toString(),
                    "aihub.route." + ROUTE + ".maxBackoff", "1000"), app -> {
                        assertThat(app.totals().deadLettered()).isZero();
                        MeterRegistry metrics = app.camelContext().getRegistry().findSingleByType(MeterRegistry.class);
                        double opened = metrics.get("aihub.model.circuit.opened").functionCounter().count();
                        assertThat(opened).as("breaker openings in metrics").isGreaterThanOrEqualTo(1);
                        assertThat(metrics.get("aihub.page.failures").functionCounter().count()).isPositive();
                    });
            assertThat(rows.keySet()).isEqualTo(crm.accountIds());
            assertThat(rows.values()).allSatisfy(row -> {
                assertThat(row.score()).isBetween(0.0, 1.0);
                assertThat(row.fallback()).isNull();
            });
        }
    }

    @Test
    void shadowScoresEveryRecordButOnlyTheChampionIsWrittenBack() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(500).seed(13L).build()) {
            crm.start();
            Path data = dir.resolve("shadow");
            Map<String, Double> shadows = new HashMap<>();
            StringBuilder disagreement = new StringBuilder();
            Map<String, Row> rows = runToIdle(crm, data, Map.of("aihub.models.dir", twoVersions().toString(),
                    "aihub.model.churn.version", "1.0.0", "aihub.route." + ROUTE + ".shadow", "1.1.0"), app -> {
                        try (Connection c = app.runtime().database().connection();
                                Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT p.record_id, s.score FROM predictions p "
                                        + "JOIN prediction_shadows s ON s.event_id = p.event_id "
                                        + "WHERE s.model_version = '1.1.0'")) {
                            while (rs.next()) {
                                shadows.put(rs.getString(1), rs.getDouble(2));
                            }
                            try (ResultSet doc = s.executeQuery(DocExamples.blocks("bi.md", "sql").get(2))) {
                                assertThat(doc.next()).isTrue();
                                disagreement.append(doc.getString(1)).append(',').append(doc.getLong(2)).append(',')
                                        .append(doc.getLong(3));
                            }
                        } catch (java.sql.SQLException e) {
                            throw new AssertionError(e);
                        }
                    });
            assertThat(rows.keySet()).isEqualTo(crm.accountIds());
            assertThat(rows.values()).allMatch(r -> r.modelVersion().equals("1.0.0"));
            assertThat(shadows.keySet()).isEqualTo(crm.accountIds());
            long differing = rows.entrySet().stream()
                    .filter(e -> Math.abs(e.getValue().score() - shadows.get(e.getKey())) > 1e-6).count();
            assertThat(differing).as("records the challenger scores differently").isPositive();
            // Churn_Score__c holds 3 decimals: the written value is the champion's, rounded.
            int distinguishable = 0;
            for (String id : crm.accountIds()) {
                double written = ((Number) crm.account(id).get("Churn_Score__c")).doubleValue();
                double champion = rows.get(id).score();
                assertThat(written).as("written back for %s", id).isCloseTo(champion, within(0.0005));
                if (Math.abs(shadows.get(id) - champion) > 0.002) {
                    distinguishable++;
                    assertThat(Math.abs(written - champion)).isLessThan(Math.abs(written - shadows.get(id)));
                }
            }
            assertThat(distinguishable).isPositive();
            String disagreementQuery = disagreement.toString();
            assertThat(disagreementQuery).as("docs/bi.md shadow query: challenger, records").startsWith("1.1.0,500,");
        }
    }

    @Test
    void canarySendsAStableShareOfRecordsToTheChallenger() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(500).seed(14L).build()) {
            crm.start();
            Map<String, Row> rows = runToIdle(crm, dir.resolve("canary"), Map.of(
                    "aihub.models.dir", twoVersions().toString(), "aihub.model.churn.version", "1.0.0",
                    "aihub.route." + ROUTE + ".canary", "1.1.0:30"), app -> { });
            Challenger canary = Challenger.parse("", "1.1.0:30");
            Set<String> expected = crm.accountIds().stream().filter(canary::takes).collect(Collectors.toSet());
            Set<String> onChallenger = rows.entrySet().stream().filter(e -> e.getValue().modelVersion().equals("1.1.0"))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(rows.keySet()).isEqualTo(crm.accountIds());
            assertThat(onChallenger).isEqualTo(expected);
            assertThat(expected.size()).isBetween(100, 200);
        }
    }

    @Test
    void declaredDefaultScoreIsFlaggedAsFallback() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(300).seed(15L).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().scorer(ModelRoutingIT::onnxScores).start()) {
            crm.start();
            kserve.inject(ModelFault.status(503), 10_000);
            String resilience = "resilience:\n  retry:\n    maxAttempts: 1\n";
            Map<String, Row> rows = runToIdle(crm, dir.resolve("fallback"), Map.of(
                    "aihub.models.dir", kserveModels(kserve.baseUrl(), resilience).toString(),
                    "aihub.route." + ROUTE + ".fallback", "default-score:0.25"), app -> { });
            assertThat(rows.keySet()).isEqualTo(crm.accountIds());
            assertThat(rows.values()).allSatisfy(row -> {
                assertThat(row.score()).isEqualTo(0.25);
                assertThat(row.fallback()).startsWith("default-score: MODEL_");
            });
        }
    }

    @Test
    void declaredDeadLetterFallbackSendsEveryRecordToTheDlqWithItsReason() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(300).seed(16L).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().scorer(ModelRoutingIT::onnxScores).start()) {
            crm.start();
            kserve.inject(ModelFault.status(503), 10_000);
            Map<String, Integer> codes = new HashMap<>();
            Set<String> dead = new java.util.HashSet<>();
            Map<String, Row> rows = runToIdle(crm, dir.resolve("dead-letter"), Map.of(
                    "aihub.models.dir", kserveModels(kserve.baseUrl(), "resilience:\n  retry:\n    maxAttempts: 1\n")
                            .toString(),
                    "aihub.route." + ROUTE + ".fallback", "dead-letter"), app -> {
                        try {
                            var queues = new io.aihub.routes.flow.DeadLetterQueues(app.runtime().connectionFactory());
                            queues.list(ROUTE).forEach(g -> codes.merge(g.step() + ":" + g.code(), g.count(),
                                    Integer::sum));
                            dead.addAll(queues.recordIds(ROUTE));
                        } catch (jakarta.jms.JMSException e) {
                            throw new AssertionError(e);
                        }
                        assertThat(app.totals().deadLettered()).isEqualTo(300);
                    });
            assertThat(rows).as("nothing published as a prediction").isEmpty();
            assertThat(dead).isEqualTo(crm.accountIds());
            assertThat(codes.keySet()).allMatch(k -> k.startsWith("score:MODEL_"));
            assertThat(codes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        }
    }
}
