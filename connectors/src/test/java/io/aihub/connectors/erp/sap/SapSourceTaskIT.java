package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SAP source's failures, backlog and own-write exclusion against the simulator. */
class SapSourceTaskIT {

    private SapODataSimulator sim;

    @BeforeEach
    void startSap() {
        sim = SapODataSimulator.builder().partners(300).salesOrders(120).seed(6L).build();
        sim.start();
    }

    @AfterEach
    void stopSap() {
        sim.close();
    }

    private SapSourceTask started(Map<String, String> config) {
        SapSourceTask task = new SapSourceConnector().createTask("erp", config);
        task.start(SourcePosition.START);
        return task;
    }

    @Test
    void throttlingAndOutagesShouldBeRetriableAndTheSamePageFollows() {
        try (SapSourceTask task = started(SapTestConfigs.partnerSource(sim))) {
            sim.failNextRequests(1, 429);
            assertThatThrownBy(task::poll).isInstanceOfSatisfying(RetriableException.class, e ->
                    assertThat(e.getMessage()).contains("/IWFND/CM_CONSUMER/429"));
            sim.failNextRequests(1, 503);
            assertThatThrownBy(task::poll).isInstanceOf(RetriableException.class);

            SourcePage page = task.poll();

            assertThat(page.records()).hasSize(200);
            assertThat(page.records().get(0).id()).isEqualTo("1000001");
        }
    }

    @Test
    void refusedCredentialsShouldBePermanent() {
        try (SapSourceTask task = started(SapTestConfigs.partnerSource(sim, SapConnectionSettings.PASSWORD, "nope"))) {
            assertThatThrownBy(task::poll).isInstanceOfSatisfying(PermanentException.class, e -> {
                assertThat(e.code()).isEqualTo("SAP_AUTH");
                assertThat(e.getMessage()).doesNotContain("nope");
            });
        }
    }

    @Test
    void shouldReportTheBacklogFromTheInlineCount() {
        try (SapSourceTask task = started(SapTestConfigs.partnerSource(sim, SapSourceConnector.BACKLOG, "true"))) {
            assertThat(task.poll().backlog()).isEqualTo(100);
            assertThat(task.poll().backlog()).isZero();
        }
    }

    @Test
    void shouldNotReadTheHubsOwnWriteBacksAgainButAPersonsLaterEdit() {
        Map<String, String> config = SapTestConfigs.partnerSource(sim, SapSourceConnector.EXCLUDE_CHANGES_BY,
                SapODataSimulator.INTEGRATION_USER);
        SourcePosition end;
        try (SapSourceTask task = started(config)) {
            end = new SourceDrain().untilEmpty(task).last().position();
        }
        List<String> written = List.of("1000005", "1000100", "1000250");
        try (SapSinkTask sink = new SapSinkConnector().createTask("erp", SapTestConfigs.partnerSink(sim))) {
            sink.start();
            sink.put(written.stream().map(key -> new SinkRecord("e-" + key, "A_BusinessPartner", key,
                    sim.etag(SapService.BUSINESS_PARTNER, key), Map.of("YY1_ChurnScore_bus", 0.9))).toList());
        }
        sim.modify(SapService.BUSINESS_PARTNER, "1000100");

        Set<String> readAgain = new HashSet<>();
        try (SapSourceTask task = new SapSourceConnector().createTask("erp", config)) {
            task.start(end);
            readAgain.addAll(new SourceDrain().untilEmpty(task).ids());
        }
        assertThat(readAgain).isEqualTo(Set.of("1000100"));
    }

    @Test
    void shouldReadSalesOrdersWithDecimalsAsTextAndDatesAsIso() {
        Map<String, String> config = SapTestConfigs.connection(sim, SapService.SALES_ORDER);
        config.put(SapSourceConnector.KEY_PROPERTY, "SalesOrder");
        config.put(SapSourceConnector.FIELDS, "SoldToParty,TotalNetAmount,TransactionCurrency,CreationDate");
        try (SapSourceTask task = started(config)) {
            List<String> ids = new SourceDrain().untilEmpty(task).ids();
            assertThat(Set.copyOf(ids)).isEqualTo(sim.keys(SapService.SALES_ORDER)).hasSize(120);
        }
        try (SapSourceTask task = started(config)) {
            SourceRecord record = task.poll().records().get(0);
            assertThat(record.fields().get("TotalNetAmount")).isInstanceOf(String.class)
                    .isEqualTo(sim.record(SapService.SALES_ORDER, record.id()).get("TotalNetAmount").toString());
            assertThat((String) record.fields().get("CreationDate")).matches("\\d{4}-\\d{2}-\\d{2}T00:00:00.000Z");
            assertThat(record.version()).startsWith("W/\"datetimeoffset'");
        }
    }
}
