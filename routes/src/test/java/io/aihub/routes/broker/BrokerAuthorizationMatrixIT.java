package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.config.HubSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's authorization matrix, against the broker exactly as the hub configures it from its properties:
 * every user (the hub, two business systems, a wrong password, no user at all, Artemis' cluster user with its
 * public default password) tries every operation (send, consume, browse, create a durable or non-durable
 * queue, delete a queue, manage) on every kind of address (a route's predictions and dead letters, each business
 * system's queue, the drift events granted to one business system, an address that is none of aihub's), over
 * CORE on the network acceptor. The outcome must be
 * exactly the expected matrix: no unexpected allow, and no unexpected deny.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrokerAuthorizationMatrixIT {

    private static final String ROUTE = "crm-account-churn";
    private static final String HUB_PASSWORD = "hub-" + Long.toHexString(System.nanoTime());
    private static final String SALES_OPS_PASSWORD = "so-" + Long.toHexString(System.nanoTime() * 31);
    private static final String FINANCE_PASSWORD = "fi-" + Long.toHexString(System.nanoTime() * 17);
    private static final String UNKNOWN = "elsewhere.orders";
    /** A subscription queue on the drift events' address (what a topic subscriber of sales-ops attaches). */
    private static final String DRIFT_SUBSCRIPTION = "drift-subscription";

    /** Who connects. */
    enum Who {
        HUB("aihub", HUB_PASSWORD),
        SALES_OPS("sales-ops", SALES_OPS_PASSWORD),
        FINANCE("finance", FINANCE_PASSWORD),
        WRONG_PASSWORD("sales-ops", FINANCE_PASSWORD),
        ANONYMOUS(null, null),
        CLUSTER_DEFAULT("ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!");

        final String user;
        final String password;

        Who(String user, String password) {
            this.user = user;
            this.password = password;
        }
    }

    /** Where: the address (to send to) and the queue on it (to consume, browse, delete). */
    enum Target {
        PREDICTIONS(Addresses.predictions(ROUTE), Addresses.subscriberQueue(ROUTE, "bi"), RoutingType.MULTICAST),
        DEAD_LETTERS(Addresses.deadLetter(ROUTE), Addresses.deadLetter(ROUTE), RoutingType.ANYCAST),
        SALES_OPS_QUEUE(Addresses.subscriberFqqn(ROUTE, "sales-ops"), Addresses.subscriberQueue(ROUTE, "sales-ops"),
                RoutingType.MULTICAST),
        FINANCE_QUEUE(Addresses.subscriberFqqn(ROUTE, "finance"), Addresses.subscriberQueue(ROUTE, "finance"),
                RoutingType.MULTICAST),
        DRIFT_EVENTS(Addresses.events("drift"), DRIFT_SUBSCRIPTION, RoutingType.MULTICAST),
        UNKNOWN_ADDRESS(UNKNOWN, UNKNOWN, RoutingType.ANYCAST);

        final String sendTo;
        final String queue;
        final RoutingType routing;

        Target(String sendTo, String queue, RoutingType routing) {
            this.sendTo = sendTo;
            this.queue = queue;
            this.routing = routing;
        }

        String address() {
            int fqqn = sendTo.indexOf("::");
            return fqqn < 0 ? sendTo : sendTo.substring(0, fqqn);
        }

        /** Business queues are probed under their own name (a create then fails with "exists" when allowed). */
        boolean subscriberQueue() {
            return sendTo.contains("::");
        }
    }

    enum Operation { SEND, CONSUME, BROWSE, CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE, DELETE_QUEUE }

    private static final Set<Operation> OWN = EnumSet.of(Operation.SEND, Operation.CONSUME, Operation.BROWSE,
            Operation.CREATE_DURABLE_QUEUE);

    /** The complete matrix of what is allowed; every other combination must be denied. */
    private static final Map<Who, Map<Target, Set<Operation>>> ALLOWED = Map.of(
            Who.HUB, Map.of(
                    Target.PREDICTIONS, OWN,
                    Target.DEAD_LETTERS, OWN,
                    // the hub declares business queues and replays dead letters into them, but never reads them
                    Target.SALES_OPS_QUEUE, EnumSet.of(Operation.SEND, Operation.CREATE_DURABLE_QUEUE),
                    Target.FINANCE_QUEUE, EnumSet.of(Operation.SEND, Operation.CREATE_DURABLE_QUEUE),
                    // the hub publishes its events but does not read them
                    Target.DRIFT_EVENTS, EnumSet.of(Operation.SEND)),
            Who.SALES_OPS, Map.of(Target.SALES_OPS_QUEUE, EnumSet.of(Operation.CONSUME, Operation.BROWSE),
                    // granted the drift events: a topic subscription (non-durable queue), no send
                    Target.DRIFT_EVENTS, EnumSet.of(Operation.CONSUME, Operation.BROWSE,
                            Operation.CREATE_NON_DURABLE_QUEUE)),
            Who.FINANCE, Map.of(Target.FINANCE_QUEUE, EnumSet.of(Operation.CONSUME, Operation.BROWSE)));

    private static final Set<Who> MAY_MANAGE = EnumSet.of(Who.HUB);

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private int corePort;
    private int stompPort;
    private int mqttPort;

    @BeforeEach
    void startBroker() throws Exception {
        corePort = freePort();
        stompPort = freePort();
        mqttPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aihub.dataDir", dataDir.toString());
        properties.put("aihub.broker.corePort", String.valueOf(corePort));
        properties.put("aihub.broker.amqpPort", "0");
        properties.put("aihub.broker.stompPort", String.valueOf(stompPort));
        properties.put("aihub.broker.mqttPort", String.valueOf(mqttPort));
        properties.put("aihub.broker.password", HUB_PASSWORD);
        properties.put("aihub.broker.users", "sales-ops, finance");
        properties.put("aihub.broker.user.sales-ops.password", SALES_OPS_PASSWORD);
        properties.put("aihub.broker.user.sales-ops.queues", Addresses.subscriberQueue(ROUTE, "sales-ops"));
        properties.put("aihub.broker.user.sales-ops.events", "drift");
        properties.put("aihub.broker.user.finance.password", FINANCE_PASSWORD);
        properties.put("aihub.broker.user.finance.queues", Addresses.subscriberQueue(ROUTE, "finance"));
        broker = new EmbeddedBroker(HubSettings.from(MapPropertySource.of(properties)).broker(), 901);
        broker.start();
        broker.declareRoute(ROUTE, java.util.List.of("bi", "write-back", "sales-ops", "finance"));
        broker.server().addAddressInfo(new AddressInfo(SimpleString.of(UNKNOWN)).addRoutingType(RoutingType.ANYCAST));
        broker.server().createQueue(QueueConfiguration.of(UNKNOWN).setRoutingType(RoutingType.ANYCAST));
        // declared by the broker at start, as sales-ops may subscribe before any event is published
        assertThat(broker.server().getAddressInfo(SimpleString.of(Addresses.events("drift"))).getRoutingTypes())
                .containsExactly(RoutingType.MULTICAST);
        broker.server().createQueue(QueueConfiguration.of(DRIFT_SUBSCRIPTION).setAddress(Addresses.events("drift"))
                .setRoutingType(RoutingType.MULTICAST));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void everyUserMayDoExactlyWhatTheMatrixAllows() throws Exception {
        Map<String, Boolean> actual = new TreeMap<>();
        Map<String, Boolean> expected = new TreeMap<>();
        // deleting last, so that a wrongly allowed delete cannot disturb the other probes
        for (Operation operation : Operation.values()) {
            for (Who who : Who.values()) {
                for (Target target : Target.values()) {
                    String cell = who + " " + operation + " " + target;
                    actual.put(cell, allowed(who, () -> attempt(who, operation, target)));
                    expected.put(cell, ALLOWED.getOrDefault(who, Map.of()).getOrDefault(target, Set.of())
                            .contains(operation));
                }
            }
        }
        for (Who who : Who.values()) {
            String cell = who + " MANAGE broker";
            actual.put(cell, allowed(who, () -> {
                try (BrokerManagement management = BrokerManagement.connect(url(), who.user, who.password)) {
                    management.addressNames();
                }
            }));
            expected.put(cell, MAY_MANAGE.contains(who));
        }
        Set<String> unexpectedAllow = new TreeSet<>();
        Set<String> unexpectedDeny = new TreeSet<>();
        expected.forEach((cell, allow) -> {
            if (!allow && actual.get(cell)) {
                unexpectedAllow.add(cell);
            } else if (allow && !actual.get(cell)) {
                unexpectedDeny.add(cell);
            }
        });
        assertThat(unexpectedAllow).as("unexpectedly allowed").isEmpty();
        assertThat(unexpectedDeny).as("unexpectedly denied").isEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void loginWithoutTheRightPasswordIsRefusedOnEveryProtocol() throws Exception {
        for (Who who : EnumSet.of(Who.WRONG_PASSWORD, Who.ANONYMOUS, Who.CLUSTER_DEFAULT)) {
            assertThat(allowed(who, () -> inSession(who, session -> session.addressQuery(SimpleString.of(UNKNOWN)))))
                    .as(who + " logs in over CORE").isFalse();
        }
        assertThat(stompConnect(null, null)).as("anonymous STOMP CONNECT").startsWith("ERROR");
        assertThat(stompConnect("sales-ops", FINANCE_PASSWORD)).as("STOMP CONNECT, wrong password").startsWith("ERROR");
        assertThat(stompConnect("sales-ops", SALES_OPS_PASSWORD)).as("STOMP CONNECT, right password")
                .startsWith("CONNECTED");
        assertThat(mqttConnectReturnCode(null, null)).as("anonymous MQTT CONNECT return code").isNotZero();
        assertThat(mqttConnectReturnCode("sales-ops", FINANCE_PASSWORD)).as("MQTT CONNECT, wrong password")
                .isNotZero();
        assertThat(mqttConnectReturnCode("sales-ops", SALES_OPS_PASSWORD)).as("MQTT CONNECT, right password")
                .isZero();
    }

    @Test
    void businessSystemsSubscribeOverStompToTheirOwnQueueOnlyAndCannotMakeMqttSubscriptions() throws Exception {
        assertThat(stompSubscribe("sales-ops", SALES_OPS_PASSWORD, Addresses.subscriberFqqn(ROUTE, "sales-ops")))
                .as("STOMP SUBSCRIBE to its own queue").startsWith("RECEIPT");
        assertThat(stompSubscribe("sales-ops", SALES_OPS_PASSWORD, Addresses.subscriberFqqn(ROUTE, "finance")))
                .as("STOMP SUBSCRIBE to another system's queue").startsWith("ERROR");
        assertThat(stompSubscribe("sales-ops", SALES_OPS_PASSWORD, Addresses.deadLetter(ROUTE)))
                .as("STOMP SUBSCRIBE to the dead letters").startsWith("ERROR");
        // An MQTT subscription is a queue the broker creates for the client: not granted to business systems.
        assertThat(mqttSubscribeReturnCode("sales-ops", SALES_OPS_PASSWORD, "aihub/predictions/" + ROUTE))
                .as("MQTT SUBSCRIBE to the predictions address (SUBACK code)").isEqualTo(0x80);
    }

    /** One operation in a fresh session of its own. */
    private void attempt(Who who, Operation operation, Target target) throws Exception {
        String probe = "probe-" + who.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + operation.name().toLowerCase(java.util.Locale.ROOT);
        inSession(who, session -> {
            switch (operation) {
                case SEND -> {
                    try (ClientProducer producer = session.createProducer(target.sendTo)) {
                        ClientMessage message = session.createMessage(true);
                        message.getBodyBuffer().writeString("matrix probe");
                        producer.send(message);
                    }
                }
                case CONSUME -> session.createConsumer(target.queue).close();
                case BROWSE -> session.createConsumer(target.queue, true).close();
                case CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE -> {
                    String name = target.subscriberQueue() ? target.queue : target.address() + "." + probe;
                    try {
                        session.createQueue(QueueConfiguration.of(name).setAddress(target.address())
                                .setRoutingType(target.routing)
                                .setDurable(operation == Operation.CREATE_DURABLE_QUEUE));
                    } catch (ActiveMQQueueExistsException allowedButThere) {
                        // past the permission check: the queue exists already
                    }
                }
                case DELETE_QUEUE -> session.deleteQueue(target.queue);
                default -> throw new IllegalStateException(operation.toString());
            }
        });
    }

    @FunctionalInterface
    private interface SessionWork {
        void run(ClientSession session) throws Exception;
    }

    /** Logs in on a connection of its own, runs the work, closes everything. */
    private void inSession(Who who, SessionWork work) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url()).setBlockOnNonDurableSend(true)
                    .setBlockOnDurableSend(true).setReconnectAttempts(0);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(who.user, who.password, false, true, true, false, 1)) {
            work.run(session);
        }
    }

    private String url() {
        return "tcp://127.0.0.1:" + corePort;
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    /** True when the attempt went through, false when the broker refused it for security reasons. */
    private static boolean allowed(Who who, Attempt attempt) throws Exception {
        try {
            attempt.run();
            return true;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ActiveMQSecurityException || t instanceof jakarta.jms.JMSSecurityException) {
                    return false;
                }
            }
            throw new AssertionError(who + ": failed for a reason other than security", e);
        }
    }

    private String stompConnect(String user, String password) throws IOException {
        StringBuilder frame = new StringBuilder("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n");
        if (user != null) {
            frame.append("login:").append(user).append("\npasscode:").append(password).append('\n');
        }
        frame.append('\n').append('\0');
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stompPort)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(frame.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int b = in.read(); b > 0 && b != '\n'; b = in.read()) {
                reply.append((char) b);
            }
            return reply.toString();
        }
    }

    /** STOMP CONNECT, then SUBSCRIBE with a receipt; the first line of the answer to the SUBSCRIBE. */
    private String stompSubscribe(String user, String password, String destination) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stompPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nlogin:" + user + "\npasscode:" + password
                    + "\n\n\0").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readFrame(in)).startsWith("CONNECTED");
            // STOMP 1.2 escapes a colon in a header value as \c
            out.write(("SUBSCRIBE\nid:1\ndestination:" + destination.replace(":", "\\c")
                    + "\nack:client\nreceipt:r1\n\n\0")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String frame = readFrame(in);
            while (frame.startsWith("MESSAGE")) {
                frame = readFrame(in);
            }
            return frame;
        }
    }

    /** One STOMP frame, up to its NUL byte (leading newlines, heart-beats, skipped). */
    private static String readFrame(InputStream in) throws IOException {
        StringBuilder frame = new StringBuilder();
        int b = in.read();
        while (b == '\n' || b == '\r') {
            b = in.read();
        }
        for (; b > 0; b = in.read()) {
            frame.append((char) b);
        }
        return frame.toString();
    }

    /** MQTT 3.1.1 CONNECT then SUBSCRIBE at QoS 1; the SUBACK return code (0x80 is failure). */
    private int mqttSubscribeReturnCode(String user, String password, String topic) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), mqttPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            assertThat(mqttConnect(out, in, user, password)).isZero();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(0);
            body.write(1);
            writeMqttString(body, topic);
            body.write(1);
            out.write(0x82);
            out.write(body.size());
            body.writeTo(out);
            out.flush();
            int type = in.read();
            if (type == -1) {
                return 0x80;
            }
            assertThat(type).as("MQTT SUBACK packet type").isEqualTo(0x90);
            in.read();
            in.read();
            in.read();
            return in.read();
        }
    }

    /** MQTT 3.1.1 CONNECT; the CONNACK return code (0 accepted, 4 bad user name or password, 5 not authorized). */
    private int mqttConnectReturnCode(String user, String password) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), mqttPort)) {
            socket.setSoTimeout(30_000);
            return mqttConnect(socket.getOutputStream(), socket.getInputStream(), user, password);
        }
    }

    private static int mqttConnect(OutputStream out, InputStream in, String user, String password)
            throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        writeMqttString(body, "MQTT");
        body.write(4);
        body.write(0x02 | (user != null ? 0x80 | 0x40 : 0));
        body.write(0);
        body.write(30);
        writeMqttString(body, "matrix-" + System.nanoTime());
        if (user != null) {
            writeMqttString(body, user);
            writeMqttString(body, password);
        }
        out.write(0x10);
        out.write(body.size());
        body.writeTo(out);
        out.flush();
        int type = in.read();
        if (type == -1) {
            return -1;
        }
        assertThat(type).as("MQTT CONNACK packet type").isEqualTo(0x20);
        in.read();
        in.read();
        return in.read();
    }

    private static void writeMqttString(java.io.ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.write(bytes, 0, bytes.length);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
