package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Write-back against the simulator: stale ETags, CSRF expiry, missing If-Match, throttling and bad credentials. */
class SapSinkTaskIT {

    private static final SapService BP = SapService.BUSINESS_PARTNER;

    private SapODataSimulator sim;
    private List<String> keys;

    @BeforeEach
    void startSap() {
        sim = SapODataSimulator.builder().partners(100).salesOrders(0).seed(5L).build();
        sim.start();
        keys = sim.partnerKeys().stream().sorted().toList();
    }

    @AfterEach
    void stopSap() {
        sim.close();
    }

    private SapSinkTask started() {
        SapSinkTask task = new SapSinkConnector().createTask("erp", SapTestConfigs.partnerSink(sim));
        task.start();
        return task;
    }

    private SinkRecord score(String key, String version, double score) {
        return new SinkRecord("event-" + key, BP.entitySet(), key, version,
                Map.of("YY1_ChurnScore_bus", score, "YY1_ChurnRisk_bus", score >= 0.6 ? "High" : "Low"));
    }

    @Test
    void staleEtagsShouldConflictAndOverwriteNothing() {
        List<SinkRecord> batch = new ArrayList<>();
        for (String key : keys.subList(0, 10)) {
            batch.add(score(key, sim.etag(BP, key), 0.75));
        }
        Set<String> editedAfterScoring = Set.of(keys.get(1), keys.get(4), keys.get(7));
        editedAfterScoring.forEach(key -> sim.modify(BP, key));
        sim.modifyBeforeNextWrite(BP, keys.get(9));
        Set<String> stale = new HashSet<>(editedAfterScoring);
        stale.add(keys.get(9));
        Map<String, Map<String, Object>> staleBefore = new HashMap<>();
        long failedBefore = sim.preconditionFailedCount();

        List<SinkResult> results;
        try (SapSinkTask task = started()) {
            stale.stream().filter(editedAfterScoring::contains).forEach(k -> staleBefore.put(k, sim.partner(k)));
            results = task.put(batch);
        }

        Set<String> conflicts = new HashSet<>();
        Set<String> written = new HashSet<>();
        for (SinkResult result : results) {
            if (result.status() == SinkStatus.CONFLICT) {
                assertThat(result.code()).isEqualTo("SAP_ETAG_MISMATCH");
                assertThat(result.reason()).contains("412");
                conflicts.add(result.recordId());
            } else if (result.status() == SinkStatus.WRITTEN) {
                written.add(result.recordId());
            }
        }
        assertThat(conflicts).isEqualTo(stale);
        assertThat(sim.preconditionFailedCount() - failedBefore).isEqualTo(stale.size());
        Set<String> logged = new HashSet<>();
        sim.writeLog().forEach(w -> logged.add(w.key()));
        assertThat(logged).as("records SAP accepted writes for").isEqualTo(written);
        assertThat(written).hasSize(6).doesNotContainAnyElementsOf(stale);
        for (String key : stale) {
            assertThat(sim.partner(key).get("YY1_ChurnScore_bus")).as("score of %s", key).isNull();
            assertThat(sim.partner(key).get("LastChangedByUser")).isEqualTo(SapODataSimulator.HUMAN_USER);
        }
        staleBefore.forEach((key, before) -> assertThat(sim.partner(key)).isEqualTo(before));
        written.forEach(key -> assertThat(sim.partner(key).get("YY1_ChurnScore_bus"))
                .isEqualTo(new BigDecimal("0.75")));
    }

    @Test
    void anExpiredCsrfSessionShouldBeRefetchedOnceAndTheWriteRepeated() {
        try (SapSinkTask task = started()) {
            sim.expireCsrfSessions();
            long refusedBefore = sim.csrfRejectionCount();

            List<SinkResult> results = task.put(List.of(score(keys.get(0), sim.etag(BP, keys.get(0)), 0.2)));

            assertThat(results).extracting(SinkResult::status).containsExactly(SinkStatus.WRITTEN);
            assertThat(sim.csrfRejectionCount() - refusedBefore).isEqualTo(1);
            assertThat(sim.writeLog()).extracting(SapODataSimulator.WriteEvent::key).containsExactly(keys.get(0));
        }
    }

    @Test
    void aCsrfTokenRefusedAgainAfterTheRefetchShouldFailTheBatchPermanently() {
        try (SapSinkTask task = started()) {
            sim.refuseCsrfTokens(true);
            long refusedBefore = sim.csrfRejectionCount();

            assertThatThrownBy(() -> task.put(List.of(score(keys.get(0), sim.etag(BP, keys.get(0)), 0.2))))
                    .isInstanceOfSatisfying(PermanentException.class, e -> {
                        assertThat(e.code()).isEqualTo("SAP_CSRF");
                        assertThat(e.getMessage()).contains("CSRF token validation failed");
                    });
            assertThat(sim.csrfRejectionCount() - refusedBefore).isEqualTo(2);
            assertThat(sim.writeLog()).isEmpty();
        }
    }

    @Test
    void aWriteWithoutVersionShouldBeRejectedAsPreconditionRequired() {
        try (SapSinkTask task = started()) {
            List<SinkResult> results = task.put(List.of(score(keys.get(0), null, 0.2)));

            assertThat(results.get(0).status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(results.get(0).code()).isEqualTo("SAP_PRECONDITION_REQUIRED");
            assertThat(results.get(0).reason()).contains("If-Match");
            assertThat(sim.preconditionRequiredCount()).isEqualTo(1);
            assertThat(sim.partner(keys.get(0)).get("YY1_ChurnScore_bus")).isNull();
        }
    }

    @Test
    void sapValidationErrorsShouldBeRejectedWithSapsCodeAndMessage() {
        try (SapSinkTask task = started()) {
            SinkRecord tooLong = new SinkRecord("e", BP.entitySet(), keys.get(0), sim.etag(BP, keys.get(0)),
                    Map.of("YY1_ChurnRisk_bus", "Very high indeed"));

            SinkResult result = task.put(List.of(tooLong)).get(0);

            assertThat(result.status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(result.code()).isEqualTo("/IWBEP/CM_MGW_RT/022");
            assertThat(result.reason()).contains("Value too long for property 'YY1_ChurnRisk_bus'")
                    .doesNotContain("Very high");
        }
    }

    @Test
    void throttlingShouldFailTheBatchRetriablyAndTheRepeatShouldBeIdempotent() {
        List<SinkRecord> batch = List.of(score(keys.get(0), sim.etag(BP, keys.get(0)), 0.3),
                score(keys.get(1), sim.etag(BP, keys.get(1)), 0.4));
        try (SapSinkTask task = started()) {
            task.put(batch.subList(0, 1));
            sim.failNextRequests(1, 429);
            assertThatThrownBy(() -> task.put(batch)).isInstanceOfSatisfying(RetriableException.class, e -> {
                assertThat(e.code()).isEqualTo("SAP_UNAVAILABLE");
                assertThat(e.getMessage()).contains("429", "/IWFND/CM_CONSUMER/429");
            });
            sim.failNextRequests(1, 503);
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);

            List<SinkResult> results = task.put(batch);

            assertThat(results).extracting(SinkResult::status)
                    .containsExactly(SinkStatus.SKIPPED_UNCHANGED, SinkStatus.WRITTEN);
        }
    }

    @Test
    void refusedBasicCredentialsShouldFailPermanentlyWithoutTheSecret() {
        SapSinkTask task = new SapSinkConnector().createTask("erp", SapTestConfigs.partnerSink(sim,
                SapConnectionSettings.PASSWORD, "wrong-secret-value"));
        assertThatThrownBy(task::start).isInstanceOfSatisfying(PermanentException.class, e -> {
            assertThat(e.code()).isEqualTo("SAP_AUTH");
            assertThat(e.getMessage()).contains("basic", "401").doesNotContain("wrong-secret-value");
        });
        task.stop();
    }
}
