package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.demo.DemoSimulators;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import io.aihub.simulators.portal.TicketGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three reference routes of the default profile running together over the demo simulators (Salesforce, SAP,
 * the portal's ticket sender and the chat model simulator), with run-once semantics: per route, the record ids in
 * BI and on each business queue equal the ids the simulators produced, the SAP orders got their write-back, every
 * ticket's priority and category are the chat model's, and the summary has one line per route and the total last.
 * The second test takes the chat server away: every ticket is triaged by the embedded classifier, flagged.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReferenceRoutesIT {

    private static final String CHURN = "crm-account-churn";
    private static final String PAYMENT = "erp-order-payment-risk";
    private static final String TRIAGE = "portal-ticket-triage";
    private static final int ACCOUNTS = 300;
    private static final int ORDERS = 200;
    private static final int TICKETS = 80;
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private int amqpPort;

    /** The business systems of the default profile's other subscriber queues, each with its own login. */
    private static final TestBrokerUsers.Business FINANCE = TestBrokerUsers.Business.of("finance",
            "erp-order-payment-risk.finance");
    private static final TestBrokerUsers.Business SUPPORT = TestBrokerUsers.Business.of("support",
            "portal-ticket-triage.support");

    private Map<String, String> defaultProfile(Path data) {
        amqpPort = HubHarness.freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aihub.dataDir", data.toString());
        props.put("aihub.broker.corePort", String.valueOf(HubHarness.freePort()));
        props.put("aihub.broker.amqpPort", String.valueOf(amqpPort));
        props.put("aihub.broker.stompPort", "0");
        props.put("aihub.broker.mqttPort", "0");
        props.put("camel.management.port", String.valueOf(HubHarness.freePort()));
        props.put("camel.server.port", String.valueOf(HubHarness.freePort()));
        props.put("aihub.models.dir", HubHarness.MODELS.toString());
        props.put("aihub.simulators.salesforce.accounts", String.valueOf(ACCOUNTS));
        props.put("aihub.simulators.sap.partners", "100");
        props.put("aihub.simulators.sap.salesOrders", String.valueOf(ORDERS));
        props.put("aihub.simulators.portal.events", String.valueOf(TICKETS));
        props.put("aihub.route.crm-account-churn.idleDelay", "500");
        props.put("aihub.route.erp-order-payment-risk.idleDelay", "500");
        props.putAll(TestBrokerUsers.properties(FINANCE, SUPPORT));
        return props;
    }

    @Test
    void theThreeReferenceRoutesShouldDeliverEveryRecordOfTheirSimulatorsOnceEverywhere() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HubApplication app = new HubApplication(defaultProfile(dataDir), Optional.empty(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        app.start();
        try {
            assertThat(app.awaitIdle(DRAIN)).as("drained").isTrue();
            DemoSimulators sims = app.configurer().simulators();
            SapODataSimulator sap = sims.sap();
            Set<String> accounts = Set.copyOf(sims.salesforce().accountIds());
            Set<String> orders = Set.copyOf(sap.keys(SapService.SALES_ORDER));
            TicketGenerator tickets = new TicketGenerator(42);
            Set<String> ticketIds = new HashSet<>();
            for (int i = 0; i < TICKETS; i++) {
                ticketIds.add(tickets.ticketId(i));
            }
            assertThat(accounts).hasSize(ACCOUNTS);
            assertThat(orders).hasSize(ORDERS);

            assertThat(biRecordIds(app, CHURN)).containsExactlyInAnyOrderElementsOf(accounts);
            assertThat(biRecordIds(app, PAYMENT)).containsExactlyInAnyOrderElementsOf(orders);
            assertThat(biRecordIds(app, TRIAGE)).containsExactlyInAnyOrderElementsOf(ticketIds);

            assertThat(queueRecordIds(CHURN, "sales-ops")).containsExactlyInAnyOrderElementsOf(accounts);
            List<JsonNode> finance = drain(PAYMENT, "finance");
            assertThat(finance.stream().map(e -> e.get("subject").asText()).toList())
                    .containsExactlyInAnyOrderElementsOf(orders);
            assertThat(finance).allSatisfy(e -> assertThat(e.at("/data/record/SoldToParty_YY1_Plan_bus").asText())
                    .as("the order's partner fields were looked up").isIn("Basic", "Pro", "Enterprise"));
            List<JsonNode> support = drain(TRIAGE, "support");
            assertThat(support.stream().map(e -> e.get("subject").asText()).toList())
                    .containsExactlyInAnyOrderElementsOf(ticketIds);

            List<SapODataSimulator.WriteEvent> writes = sap.writeLog().stream()
                    .filter(w -> w.service() == SapService.SALES_ORDER).toList();
            assertThat(writes.stream().map(SapODataSimulator.WriteEvent::key).toList())
                    .containsExactlyInAnyOrderElementsOf(orders);
            assertThat(writes).allSatisfy(w -> assertThat(w.fields().keySet())
                    .containsExactlyInAnyOrder("YY1_PaymentRisk_SDH", "YY1_PaymentRiskBand_SDH"));
            assertThat(sap.record(SapService.SALES_ORDER, writes.get(0).key()).get("YY1_PaymentRiskBand_SDH"))
                    .isIn("High", "Medium", "Low");

            PredictionSchema schema = new PredictionSchema();
            Map<String, JsonNode> byTicket = new HashMap<>();
            support.forEach(e -> byTicket.put(e.get("subject").asText(), e));
            for (int i = 0; i < TICKETS; i++) {
                JsonNode event = byTicket.get(tickets.ticketId(i));
                assertThat(schema.problems(JSON.writeValueAsString(event))).isEmpty();
                JsonNode prediction = event.at("/data/prediction");
                assertThat(prediction.get("model").asText()).isEqualTo("triage");
                assertThat(prediction.get("fallback").isNull()).isTrue();
                assertThat(prediction.at("/outputs/priority/label").asText())
                        .isEqualTo(TicketGenerator.priority(tickets.fields(i)));
                assertThat(prediction.at("/outputs/category/label").asText())
                        .isEqualTo(TicketGenerator.category(tickets.fields(i)));
            }
            Map<String, JsonNode> biOutputs = biOutputs(app, TRIAGE);
            for (int i = 0; i < TICKETS; i++) {
                JsonNode outputs = biOutputs.get(tickets.ticketId(i));
                assertThat(outputs.at("/priority/label").asText()).isEqualTo(TicketGenerator.priority(tickets.fields(i)));
                assertThat(outputs.at("/category/label").asText()).isEqualTo(TicketGenerator.category(tickets.fields(i)));
            }
            for (String route : List.of(CHURN, PAYMENT, TRIAGE)) {
                var dlq = app.runtime().embeddedBroker().orElseThrow().pendingMessages(Addresses.deadLetter(route));
                assertThat(dlq).as("dead letters of %s", route).isZero();
            }
        } finally {
            app.stop();
        }
        assertThat(app.runtime().counters().summaryLines()).containsExactly(
                "summary: route=crm-account-churn pulled=300 scored=300 published=300 written_back=300 bi_rows=300"
                        + " dead_lettered=0",
                "summary: route=erp-order-payment-risk pulled=200 scored=200 published=200 written_back=200"
                        + " bi_rows=200 dead_lettered=0",
                "summary: route=portal-ticket-triage pulled=80 scored=80 published=80 written_back=0 bi_rows=80"
                        + " dead_lettered=0",
                "summary: pulled=580 scored=580 published=580 written_back=500 bi_rows=580 dead_lettered=0");
    }

    @Test
    void withTheChatServerDownEveryTicketShouldBeTriagedByTheEmbeddedClassifierAndFlagged() throws Exception {
        Map<String, String> props = defaultProfile(dataDir);
        props.put("aihub.routes.enabled", TRIAGE);
        props.put("aihub.connectors", "portal-tickets");
        props.put("aihub.models", "triage,triage-local");
        props.put("aihub.model.triage.url", "http://127.0.0.1:" + HubHarness.freePort() + "/v1");
        HubApplication app = new HubApplication(props, Optional.empty(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        app.start();
        try {
            assertThat(app.awaitIdle(DRAIN)).as("drained").isTrue();
            TicketGenerator tickets = new TicketGenerator(42);
            List<JsonNode> support = drain(TRIAGE, "support");
            Map<String, JsonNode> byTicket = new HashMap<>();
            support.forEach(e -> byTicket.put(e.get("subject").asText(), e));
            assertThat(support).hasSize(TICKETS);
            for (int i = 0; i < TICKETS; i++) {
                JsonNode prediction = byTicket.get(tickets.ticketId(i)).at("/data/prediction");
                assertThat(prediction.get("model").asText()).isEqualTo("triage-local");
                assertThat(prediction.get("backend").asText()).isEqualTo("onnx");
                assertThat(prediction.get("fallback").asText()).startsWith("model triage-local 1.0.0: MODEL_");
                assertThat(prediction.at("/outputs/priority/label").asText())
                        .isEqualTo(TicketGenerator.priority(tickets.fields(i)));
                assertThat(prediction.at("/outputs/category/label").asText())
                        .isEqualTo(TicketGenerator.category(tickets.fields(i)));
            }
            try (Connection c = app.runtime().database().connection();
                    PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM predictions WHERE route_id = ?"
                            + " AND model = 'triage-local' AND fallback LIKE 'model triage-local 1.0.0: MODEL_%'")) {
                s.setString(1, TRIAGE);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("BI rows flagged as fallback").isEqualTo(TICKETS);
                }
            }
            assertThat(app.runtime().counters().route(TRIAGE).fallbacks.sum()).isEqualTo(TICKETS);
        } finally {
            app.stop();
        }
        assertThat(app.runtime().counters().summaryLines()).containsExactly(
                "summary: route=portal-ticket-triage pulled=80 scored=80 published=80 written_back=0 bi_rows=80"
                        + " dead_lettered=0",
                "summary: pulled=80 scored=80 published=80 written_back=0 bi_rows=80 dead_lettered=0");
    }

    /** The record ids of a route's BI rows, one entry per row (duplicates would show). */
    private static List<String> biRecordIds(HubApplication app, String route) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = app.runtime().database().connection();
                PreparedStatement s = c.prepareStatement("SELECT record_id FROM predictions WHERE route_id = ?")) {
            s.setString(1, route);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** A multi-output route's {@code scores_json} per record id: the envelope's outputs block. */
    private static Map<String, JsonNode> biOutputs(HubApplication app, String route) throws Exception {
        Map<String, JsonNode> outputs = new HashMap<>();
        try (Connection c = app.runtime().database().connection();
                PreparedStatement s = c.prepareStatement("SELECT record_id, scores_json FROM predictions"
                        + " WHERE route_id = ?")) {
            s.setString(1, route);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    outputs.put(rs.getString(1), JSON.readTree(rs.getString(2)));
                }
            }
        }
        return outputs;
    }

    private List<String> queueRecordIds(String route, String subscriber) throws Exception {
        return drain(route, subscriber).stream().map(e -> e.get("subject").asText()).toList();
    }

    /** Every event on a business system's queue, read over AMQP as that business system would, with its login. */
    private List<JsonNode> drain(String route, String subscriber) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        String fqqn = Addresses.subscriberFqqn(route, subscriber);
        List<AmqpSubscriber.Received> received = switch (subscriber) {
            case TestBrokerUsers.SALES_OPS -> AmqpSubscriber.drain(amqpPort, fqqn, 2);
            case "finance" -> AmqpSubscriber.drain(amqpPort, fqqn, 2, FINANCE);
            case "support" -> AmqpSubscriber.drain(amqpPort, fqqn, 2, SUPPORT);
            default -> throw new IllegalArgumentException("no business user for subscriber " + subscriber);
        };
        for (AmqpSubscriber.Received r : received) {
            events.add(JSON.readTree(r.body()));
        }
        return events;
    }
}
