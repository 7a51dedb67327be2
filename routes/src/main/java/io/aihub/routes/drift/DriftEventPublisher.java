package io.aihub.routes.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.routes.store.DriftReportRow;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes a drift event on the multicast address {@value #ADDRESS} (a JMS topic): a CloudEvents 1.0 JSON
 * message of type {@value #TYPE} whose {@code data} holds the window and every feature's figures, the drifted
 * ones listed in {@code drifted}. Every subscriber queue on the address gets a copy; with none, the broker drops
 * it (the drift report rows stay in the database either way). A connection per event: events are rare.
 */
public final class DriftEventPublisher {

    /** The broker address drift events go to. */
    public static final String ADDRESS = "aihub.events.drift";
    /** The CloudEvents type of a drift event. */
    public static final String TYPE = "io.aihub.drift.v1";

    private final ConnectionFactory factory;
    private final ObjectMapper json;

    public DriftEventPublisher(ConnectionFactory factory, ObjectMapper json) {
        this.factory = factory;
        this.json = json;
    }

    /** Publishes the event of one window whose rows include at least one drifted feature. */
    public void publish(List<DriftReportRow> window) throws JMSException {
        String body = body(window);
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createTopic(ADDRESS))) {
            TextMessage message = session.createTextMessage(body);
            DriftReportRow first = window.get(0);
            message.setStringProperty("aihubRoute", first.routeId());
            message.setStringProperty("aihubModel", first.modelName());
            message.setStringProperty("aihubModelVersion", first.modelVersion());
            producer.send(message);
        }
    }

    /** The event JSON. */
    String body(List<DriftReportRow> window) {
        DriftReportRow first = window.get(0);
        List<Map<String, Object>> features = window.stream().map(DriftEventPublisher::feature).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("route", first.routeId());
        data.put("model", first.modelName());
        data.put("modelVersion", first.modelVersion());
        data.put("windowStart", first.windowStart().toString());
        data.put("windowEnd", first.windowEnd().toString());
        data.put("records", first.records());
        data.put("psiThreshold", first.psiThreshold());
        data.put("drifted", window.stream().filter(DriftReportRow::drifted).map(DriftReportRow::feature).toList());
        data.put("features", features);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "aihub/" + first.routeId());
        event.put("type", TYPE);
        event.put("subject", first.modelName() + "@" + first.modelVersion());
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write drift event", e);
        }
    }

    private static Map<String, Object> feature(DriftReportRow row) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("feature", row.feature());
        f.put("psi", row.psi());
        f.put("missingRate", row.missingRate());
        f.put("outOfRangeRate", row.outOfRangeRate());
        f.put("drifted", row.drifted());
        return f;
    }
}
