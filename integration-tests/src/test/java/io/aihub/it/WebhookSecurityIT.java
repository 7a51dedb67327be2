package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.portal.PortalEvent;
import io.aihub.simulators.portal.PortalEventGenerator;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook intake's defences against the running hub (examples/portal profile, Standard Webhooks): a counter
 * on route entry (a Camel event notifier) proves that no request with a missing, wrong, truncated or
 * case-changed signature, a stale or future timestamp, an oversized body or over its client's rate ever entered
 * the route; a valid replay is processed once; the rotated-out secret is accepted; deep or long JSON is a 400;
 * and {@code Camel*} headers in any letter case, sent over HTTP or as JMS properties, never reach a route nor
 * change where anything is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookSecurityIT {

    private static final String ROUTE = "portal-account-churn";
    private static final String BI_ROUTE = "portal-account-churn-bi";
    private static final String SECRET = "whsec_YWlodWItZGVtby1wb3J0YWwtc2lnbmluZy1zZWNyZXQ=";
    private static final String OLD_SECRET = WebhookHubIT.OLD_SECRET;
    private static final String UNKNOWN_SECRET = "whsec_dW5rbm93bi1wb3J0YWwtc2lnbmluZy1zZWNyZXQteA==";
    private static final String CLIENT_HEADER = "X-Test-Client";
    private static final int MAX_BODY = 1024 * 1024;
    /** Names a caller might use to steer Camel, in assorted letter cases. */
    private static final List<String> INJECTED = List.of("cAmElJmsDestinationName", "CamelJmsDestinationName",
            "camelBeanMethodName", "CAMELFILENAME", "CamelHttpUri", "org.apache.camel.Evil");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    /** The business system reading the route's customer-success queue, logging in as itself. */
    private static final TestBrokerUsers.Business CUSTOMER_SUCCESS = TestBrokerUsers.Business.of("customer-success",
            ROUTE + ".customer-success");

    private HubApplication app;
    private URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final RouteEntries entries = new RouteEntries();
    private final PortalEventGenerator generator = new PortalEventGenerator(11);
    private final AtomicInteger nextEvent = new AtomicInteger();

    @BeforeAll
    void startHub() throws Exception {
        int httpPort = HubHarness.freePort();
        Map<String, String> props = WebhookHubIT.portalHubProperties(dataDir, httpPort);
        props.put("aihub.connector.portal.clientHeader", CLIENT_HEADER);
        props.put("aihub.connector.portal.rateLimit", "1");
        props.put("aihub.connector.portal.rateBurst", "3");
        props.putAll(TestBrokerUsers.properties(CUSTOMER_SUCCESS));
        app = new HubApplication(props, Optional.of(WebhookHubIT.PORTAL_PROFILE),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        app.start();
        app.camelContext().getManagementStrategy().addEventNotifier(entries);
        app.camelContext().getCamelContextExtension().setEventNotificationApplicable(true);
        entries.start();
        endpoint = URI.create("http://127.0.0.1:" + httpPort + "/webhooks/" + ROUTE);
    }

    @AfterAll
    void stopHub() throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    static Stream<Arguments> badlySigned() {
        UnaryOperator<Delivery> same = d -> d;
        return Stream.of(
                Arguments.of("missing signature", (UnaryOperator<Delivery>) d -> d.without("webhook-signature")),
                Arguments.of("wrong secret", (UnaryOperator<Delivery>) d -> d.signedWith(UNKNOWN_SECRET)),
                Arguments.of("truncated signature", (UnaryOperator<Delivery>) d -> d.header("webhook-signature",
                        d.headers.get("webhook-signature").substring(0, d.headers.get("webhook-signature").length() - 4))),
                Arguments.of("case-changed signature", (UnaryOperator<Delivery>) d -> d.header("webhook-signature",
                        "v1," + swapCase(d.headers.get("webhook-signature").substring(3)))),
                Arguments.of("signature in upper-case version tag", (UnaryOperator<Delivery>) d -> d.header(
                        "webhook-signature", "V1" + d.headers.get("webhook-signature").substring(2))),
                Arguments.of("stale timestamp", (UnaryOperator<Delivery>) d -> d.at(Instant.now().minusSeconds(600))),
                Arguments.of("future timestamp", (UnaryOperator<Delivery>) d -> d.at(Instant.now().plusSeconds(600))),
                Arguments.of("body changed after signing", (UnaryOperator<Delivery>) d -> d.bodyChangedAfterSigning()),
                Arguments.of("missing webhook-id", (UnaryOperator<Delivery>) d -> d.without("webhook-id")),
                Arguments.of("valid control: must be accepted", same));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badlySigned")
    void refusesBadlySignedRequestsBeforeTheyReachTheRoute(String name, UnaryOperator<Delivery> spoil)
            throws Exception {
        Delivery delivery = spoil.apply(valid());
        int before = entries.count(ROUTE);
        HttpResponse<String> response = send(delivery);
        if (name.startsWith("valid control")) {
            assertThat(response.statusCode()).as(name).isEqualTo(202);
            assertThat(entries.count(ROUTE)).as("route entries").isEqualTo(before + 1);
            return;
        }
        assertThat(response.statusCode()).as(name).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"WEBHOOK_");
        assertThat(entries.count(ROUTE)).as("route entries after '%s'", name).isEqualTo(before);
    }

    @Test
    void processesAValidReplayOnceAndAcceptsTheRotatedOutSecret() throws Exception {
        Delivery delivery = valid();
        assertThat(send(delivery).statusCode()).isEqualTo(202);
        assertThat(send(delivery).statusCode()).as("the same delivery again, inside the window").isEqualTo(200);
        Delivery rotated = valid().signedWith(OLD_SECRET);
        assertThat(send(rotated).statusCode()).as("signed with previousSecret").isEqualTo(202);
        awaitRows(delivery.recordId, 1);
        awaitRows(rotated.recordId, 1);
        assertThat(app.awaitIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(rows(delivery.recordId)).as("BI rows of the replayed record").isEqualTo(1);
    }

    @Test
    void refusesOversizedBodiesBeforeTheRouteWithoutBufferingThem() throws Exception {
        int before = entries.count(ROUTE);
        Delivery declared = valid().body(padding(MAX_BODY + 1));
        assertThat(send(declared).statusCode()).as("Content-Length above the limit").isEqualTo(413);
        Delivery streamed = valid().body(padding(4 * MAX_BODY));
        int status = sendStreamed(streamed);
        assertThat(status).as("chunked body growing past the limit").isIn(413, -1);
        assertThat(entries.count(ROUTE)).as("route entries").isEqualTo(before);
        assertThat(send(valid()).statusCode()).as("a valid request afterwards").isEqualTo(202);
    }

    @Test
    void answersDeepOrLongJsonWith400() throws Exception {
        String deep = "{\"data\":{\"id\":\"deep-1\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}}";
        HttpResponse<String> deepAnswer = send(valid().body(deep.getBytes(StandardCharsets.UTF_8)));
        assertThat(deepAnswer.statusCode()).isEqualTo(400);
        String text = "{\"data\":{\"id\":\"long-1\",\"Name\":\"" + "a".repeat(1_000_001) + "\"}}";
        HttpResponse<String> longAnswer = send(valid().body(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(longAnswer.statusCode()).isEqualTo(400);
        assertThat(send(valid()).statusCode()).as("a valid request afterwards").isEqualTo(202);
    }

    @Test
    void limitsEachClientsRateWith429AndRetryAfter() throws Exception {
        String client = "flood-" + UUID.randomUUID();
        int before = entries.count(ROUTE);
        List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(send(valid().header(CLIENT_HEADER, client).without("webhook-signature")));
        }
        assertThat(answers.subList(0, 3)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("answers over the rate").isNotEmpty();
        assertThat(limited).allSatisfy(r -> assertThat(Long.parseLong(r.headers().firstValue("Retry-After")
                .orElseThrow())).isPositive());
        assertThat(entries.count(ROUTE)).isEqualTo(before);
        assertThat(send(valid()).statusCode()).as("another client meanwhile").isEqualTo(202);
    }

    @Test
    void camelHeadersSentOverHttpNeverReachTheRoute() throws Exception {
        Delivery delivery = valid().header("X-Other", "not allow-listed");
        for (String name : INJECTED) {
            delivery = delivery.header(name, "aihub.evil");
        }
        entries.captured.clear();
        HttpResponse<String> response = send(delivery, "?CamelJmsDestinationName=aihub.evil&cAmElFileName=evil");
        assertThat(response.statusCode()).isEqualTo(202);
        awaitRows(delivery.recordId, 1);
        List<Map<String, Object>> seen = entries.captured.get(ROUTE);
        assertThat(seen).isNotEmpty();
        assertNoInjectedHeaders(seen);
        assertThat(seen).allSatisfy(h -> assertThat(h.keySet()).noneMatch(n -> n.equalsIgnoreCase("X-Other")));
        assertThat(response.headers().map().keySet()).noneMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("camel"));
        assertNoEvilAddress();
    }

    @Test
    void camelPropertiesSentOverJmsNeverReachTheRoute() throws Exception {
        Delivery delivery = valid();
        assertThat(send(delivery).statusCode()).isEqualTo(202);
        String eventId = UUID.randomUUID().toString();
        String text;
        try (ActiveMQConnectionFactory business = CUSTOMER_SUCCESS.factory(app.runtime().brokerUrl());
                Connection connection = business.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(
                    Addresses.subscriberFqqn(ROUTE, "customer-success")))) {
                TextMessage published = (TextMessage) consumer.receive(30_000);
                assertThat(published).as("an event on the customer-success queue").isNotNull();
                text = published.getText();
            }
        }
        // the injection goes onto the hub's own bi queue, as the hub (only the hub may send there)
        try (Connection connection = app.runtime().connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            ObjectNode event = (ObjectNode) JSON.readTree(text);
            event.put("id", eventId);
            TextMessage injected = session.createTextMessage(JSON.writeValueAsString(event));
            injected.setStringProperty("cAmElJmsDestinationName", "aihub.evil");
            injected.setStringProperty("CamelJmsDestinationName", "aihub.evil");
            injected.setStringProperty("camelBeanMethodName", "evil");
            injected.setStringProperty("CAMELFILENAME", "evil");
            entries.captured.clear();
            try (MessageProducer producer = session.createProducer(session.createTopic(
                    Addresses.subscriberFqqn(ROUTE, "bi")))) {
                producer.send(injected);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> eventRows(eventId) == 1);
        List<Map<String, Object>> seen = entries.captured.get(BI_ROUTE);
        assertThat(seen).isNotEmpty();
        assertNoInjectedHeaders(seen);
        assertNoEvilAddress();
    }

    private static void assertNoInjectedHeaders(List<Map<String, Object>> seen) {
        Set<String> injected = Set.copyOf(INJECTED.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
        for (Map<String, Object> headers : seen) {
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                boolean ownQueryEcho = Set.of("camelhttpquery", "camelhttprawquery", "camelhttpuri", "camelhttpurl")
                        .contains(lower);
                if (!ownQueryEcho) {
                    assertThat(String.valueOf(value)).as("header %s", name).doesNotContain("evil");
                    if (!name.startsWith("Camel")) {
                        assertThat(lower).as("a header that is neither Camel's own nor allow-listed")
                                .matches("content-type|webhook-(id|timestamp|signature)|ce-[a-z0-9-]+|aihub.*");
                    }
                }
                if (!lower.equals("camelhttpuri")) {
                    assertThat(injected).as("injected header %s", name).doesNotContain(lower);
                }
            });
        }
    }

    private void assertNoEvilAddress() {
        var server = app.runtime().embeddedBroker().orElseThrow().server();
        assertThat(List.of(server.getPostOffice().getAddresses().stream().map(Object::toString).toArray()))
                .noneMatch(a -> String.valueOf(a).contains("evil"));
    }

    // --- requests ---------------------------------------------------------------------------------------------

    private Delivery valid() {
        return delivery(generator.event(nextEvent.getAndIncrement()), SECRET)
                .header(CLIENT_HEADER, "client-" + UUID.randomUUID());
    }

    /** {@code event} as the portal sends it now, signed with {@code secret} under a new message id. */
    static Delivery delivery(PortalEvent event, String secret) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", event.occurredAt().toString());
        ObjectNode data = body.putObject("data");
        data.put("id", event.recordId());
        event.fields().forEach((name, value) -> data.set(name, JSON.valueToTree(value)));
        try {
            return new Delivery(event.recordId(), "msg_" + UUID.randomUUID().toString().replace("-", ""),
                    Instant.now(), JSON.writeValueAsBytes(body), secret, new LinkedHashMap<>());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(Delivery delivery) throws Exception {
        return send(delivery, "");
    }

    private HttpResponse<String> send(Delivery delivery, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + query))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
        delivery.headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the body chunked (no Content-Length); -1 when the hub closed the connection before answering. */
    private int sendStreamed(Delivery delivery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(delivery.body)));
        delivery.headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] padding(int bytes) {
        String prefix = "{\"data\":{\"id\":\"big-1\",\"Name\":\"";
        String suffix = "\"}}";
        return (prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void awaitRows(String recordId, int rows) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rows(recordId) >= rows);
    }

    private int rows(String recordId) throws Exception {
        return count("SELECT COUNT(*) FROM predictions WHERE record_id = ?", recordId);
    }

    private int eventRows(String eventId) throws Exception {
        return count("SELECT COUNT(*) FROM predictions WHERE event_id = ?", eventId);
    }

    private int count(String sql, String value) throws Exception {
        try (java.sql.Connection c = app.runtime().database().connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }

    /** One Standard Webhooks delivery: signed on construction and on every change that a sender would sign. */
    static final class Delivery {
        final String recordId;
        final String id;
        final Instant timestamp;
        final byte[] body;
        final String secret;
        final Map<String, String> headers;

        Delivery(String recordId, String id, Instant timestamp, byte[] body, String secret,
                Map<String, String> headers) {
            this.recordId = recordId;
            this.id = id;
            this.timestamp = timestamp;
            this.body = body;
            this.secret = secret;
            this.headers = new LinkedHashMap<>(headers);
            this.headers.put("webhook-id", id);
            this.headers.put("webhook-timestamp", String.valueOf(timestamp.getEpochSecond()));
            this.headers.put("webhook-signature", "v1," + sign(secret, id + "." + timestamp.getEpochSecond() + ".",
                    body));
        }

        Delivery signedWith(String otherSecret) {
            return new Delivery(recordId, id, timestamp, body, otherSecret, extra());
        }

        Delivery at(Instant otherTime) {
            return new Delivery(recordId, id, otherTime, body, secret, extra());
        }

        Delivery body(byte[] otherBody) {
            return new Delivery(recordId, id, timestamp, otherBody, secret, extra());
        }

        Delivery bodyChangedAfterSigning() {
            Delivery changed = new Delivery(recordId, id, timestamp, body, secret, extra());
            byte[] copy = java.util.Arrays.copyOf(body, body.length + 1);
            copy[body.length] = ' ';
            Delivery tampered = new Delivery(recordId, id, timestamp, copy, secret, extra());
            tampered.headers.put("webhook-signature", changed.headers.get("webhook-signature"));
            return tampered;
        }

        /** A copy with one more header; signs again, so use {@link #without} last. */
        Delivery header(String name, String value) {
            Delivery copy = new Delivery(recordId, id, timestamp, body, secret, extra());
            copy.headers.putAll(headers);
            copy.headers.put(name, value);
            return copy;
        }

        Delivery without(String name) {
            Delivery copy = new Delivery(recordId, id, timestamp, body, secret, extra());
            copy.headers.putAll(headers);
            copy.headers.remove(name);
            return copy;
        }

        private Map<String, String> extra() {
            Map<String, String> extra = new LinkedHashMap<>(headers);
            extra.keySet().removeAll(Set.of("webhook-id", "webhook-timestamp", "webhook-signature"));
            return extra;
        }

        private static String sign(String secret, String prefix, byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
                return Base64.getEncoder().encodeToString(mac.doFinal(body));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Counts exchanges created per route (route entry) and keeps the headers of each exchange's first send. */
    static final class RouteEntries extends EventNotifierSupport {
        private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
        final Map<String, List<Map<String, Object>>> captured = new ConcurrentHashMap<>();

        int count(String routeId) {
            return created.computeIfAbsent(routeId, r -> new AtomicInteger()).get();
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof ExchangeCreatedEvent || event instanceof ExchangeSendingEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof ExchangeCreatedEvent e && e.getExchange().getFromRouteId() != null) {
                created.computeIfAbsent(e.getExchange().getFromRouteId(), r -> new AtomicInteger()).incrementAndGet();
            } else if (event instanceof ExchangeSendingEvent e && e.getExchange().getFromRouteId() != null) {
                captured.computeIfAbsent(e.getExchange().getFromRouteId(), r -> new CopyOnWriteArrayList<>())
                        .add(new java.util.HashMap<>(e.getExchange().getMessage().getHeaders()));
            }
        }
    }
}
