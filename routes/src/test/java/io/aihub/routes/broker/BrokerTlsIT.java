package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.config.HubSettings;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the broker's acceptors, configured as an operator would ({@code aihub.broker.tls.*}) with a PKCS12 key
 * store made by the JDK's {@code keytool}: every network acceptor speaks TLS only (a plain-text client gets no
 * protocol answer on any of them), and the hub's own connection (settings built from properties, a trust store,
 * the broker by URL) declares a route and publishes over TLS.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerTlsIT {

    private static final String STORE_PASSWORD = "ks-" + Long.toHexString(System.nanoTime());
    private static final String HUB_PASSWORD = "hub-" + Long.toHexString(System.nanoTime() * 7);

    @TempDir
    static Path dir;

    private Path keyStore;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private EmbeddedBroker broker;

    @BeforeAll
    void startTlsBroker() throws Exception {
        keyStore = dir.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as("keytool: " + keytoolOutput).isZero();
        for (String protocol : List.of("core", "amqp", "stomp", "mqtt")) {
            ports.put(protocol, BrokerAuthorizationMatrixIT.freePort());
        }
        Map<String, String> properties = brokerProperties(dir.resolve("broker-data"));
        properties.put("aihub.broker.tls.enabled", "true");
        properties.put("aihub.broker.tls.keyStorePath", keyStore.toString());
        properties.put("aihub.broker.tls.keyStorePassword", STORE_PASSWORD);
        broker = new EmbeddedBroker(HubSettings.from(MapPropertySource.of(properties)).broker(), 902);
        broker.start();
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    private Map<String, String> brokerProperties(Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aihub.dataDir", dataDir.toString());
        p.put("aihub.broker.corePort", String.valueOf(ports.get("core")));
        p.put("aihub.broker.amqpPort", String.valueOf(ports.get("amqp")));
        p.put("aihub.broker.stompPort", String.valueOf(ports.get("stomp")));
        p.put("aihub.broker.mqttPort", String.valueOf(ports.get("mqtt")));
        p.put("aihub.broker.password", HUB_PASSWORD);
        return p;
    }

    @Test
    void everyNetworkAcceptorSpeaksTlsOnly() throws Exception {
        List<TransportConfiguration> network = broker.server().getConfiguration().getAcceptorConfigurations()
                .stream().filter(a -> !a.getFactoryClassName().contains("InVM")).toList();
        assertThat(network).extracting(TransportConfiguration::getName)
                .containsExactlyInAnyOrder("core", "amqp", "stomp", "mqtt");
        assertThat(network).allSatisfy(a -> assertThat(a.getParams())
                .containsEntry(TransportConstants.SSL_ENABLED_PROP_NAME, true));
        assertThat(broker.acceptors().values()).allSatisfy(url -> assertThat(url).contains("sslEnabled=true")
                .doesNotContain(STORE_PASSWORD));

        SSLContext tls = trusting(keyStore);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port.getValue())) {
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                assertThat(socket.getSession().getPeerCertificates()).as(port.getKey() + " certificate").isNotEmpty();
            }
            assertThat(plainTextReply(port.getValue())).as("plain-text STOMP CONNECT to the " + port.getKey()
                    + " acceptor gets no STOMP, AMQP or MQTT answer").doesNotStartWith("CONNECTED")
                    .doesNotStartWith("ERROR").doesNotStartWith("AMQP");
        }
    }

    @Test
    void corePlainTextConnectionToTheTlsPortFails() {
        assertThatThrownBy(() -> {
            try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + ports.get("core")
                        + "?callTimeout=5000&connectionTTL=5000").setReconnectAttempts(0)
                        .setInitialConnectAttempts(1);
                    ClientSessionFactory factory = locator.createSessionFactory()) {
                factory.createSession("aihub", HUB_PASSWORD, false, true, true, false, 1).close();
            }
        }).isInstanceOf(Exception.class);
    }

    @Test
    void hubConnectsOverTlsWithItsTrustStoreAndPublishes() throws Exception {
        Map<String, String> hub = new LinkedHashMap<>();
        hub.put("aihub.dataDir", dir.resolve("hub-data").toString());
        hub.put("aihub.broker.url", "tcp://127.0.0.1:" + ports.get("core"));
        hub.put("aihub.broker.password", HUB_PASSWORD);
        hub.put("aihub.broker.tls.trustStorePath", keyStore.toString());
        hub.put("aihub.broker.tls.trustStorePassword", STORE_PASSWORD);
        hub.put("aihub.models", "");
        HubSettings settings = HubSettings.from(MapPropertySource.of(hub));
        try (HubRuntime runtime = HubRuntime.start(settings, "test", v -> v)) {
            runtime.declareRoute("tls-route", List.of("bi"));
            try (Connection connection = runtime.connectionFactory().createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(session.createTopic(
                        Addresses.predictions("tls-route")));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(session.createTextMessage("over tls"));
                session.commit();
                MessageConsumer consumer = session.createConsumer(session.createQueue(
                        Addresses.subscriberFqqn("tls-route", "bi")));
                TextMessage received = (TextMessage) consumer.receive(30_000);
                session.commit();
                assertThat(received).isNotNull();
                assertThat(received.getText()).isEqualTo("over tls");
            }
        }
        // and the same URL without the trust store does not get in
        try (ActiveMQConnectionFactory untrusted = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ports.get("core")
                + "?sslEnabled=true&reconnectAttempts=0&callTimeout=5000", "aihub", HUB_PASSWORD)) {
            assertThatThrownBy(() -> untrusted.createConnection().close()).isInstanceOf(Exception.class);
        }
    }

    /** Sends a plain STOMP CONNECT and returns what came back (up to 16 bytes; empty when the port closed). */
    private static String plainTextReply(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n\0"
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16];
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketTimeoutException | java.net.SocketException silent) {
                return "";
            }
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            trust.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
