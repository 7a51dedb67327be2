package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.aihub.simulators.model.ChurnLogit;
import io.aihub.simulators.model.KServeV2Simulator;
import io.aihub.simulators.model.ModelFault;
import io.aihub.simulators.portal.PortalDelivery;
import io.aihub.simulators.portal.PortalEvent;
import io.aihub.simulators.portal.PortalEventGenerator;
import io.aihub.simulators.portal.PortalSigningScheme;
import io.aihub.simulators.portal.PortalWebhookSender;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary scan (docs/security.md): fake secrets (CRM client secret, webhook secret, model API key, database and
 * broker passwords, the personal-data hash key) are seeded into the configuration through a secrets file, and fake
 * personal data (e-mail addresses, IBANs, phone numbers) into CRM records. The hub then runs end to end through its
 * failure paths: a CRM login refused, an expired CRM session, a record that cannot be mapped, a model server that
 * refuses the API key and echoes it with a customer's e-mail, and a model outage. No canary may appear in any log
 * line, the hub's output, a dead letter's headers (its reason), a prediction message, the BI table, or the
 * {@code /observe/metrics} and {@code /observe/health} output; secrets may not appear in dead-letter bodies either
 * (which keep the record, personal data included, so it can be replayed).
 *
 * <p>This class runs last ({@code @Order}, junit-platform.properties): the log file it scans holds what the whole
 * integration suite logged, which it also scans for the secrets the other tests configure.
 */
@Order(Integer.MAX_VALUE)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class CanaryScanIT {

    private static final String ROUTE = "crm-account-churn";

    private static final String CLIENT_SECRET = "CANARY-crm-client-secret-5a9e13";
    private static final String WRONG_CLIENT_SECRET = "CANARY-wrong-client-secret-0c44d1";
    private static final String WEBHOOK_SECRET_TEXT = "CANARY-webhook-secret-e7b2c8f1";
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString(WEBHOOK_SECRET_TEXT.getBytes(StandardCharsets.UTF_8));
    private static final String WEBHOOK_PREVIOUS_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("CANARY-previous-webhook-secret-19ad".getBytes(StandardCharsets.UTF_8));
    private static final String MODEL_API_KEY = "CANARY-model-api-key-3f70aa";
    private static final String DB_PASSWORD = "CANARY-db-password-91d0b6";
    private static final String BROKER_PASSWORD = "CANARY-broker-password-48c2fe";
    private static final String HASH_KEY = "CANARY-pii-hash-key-6b1d2e9c0f";

    private static final String EMAIL = "jane.canary.7c1e@example.test";
    private static final String POISON_EMAIL = "max.canary.d93f@example.test";
    private static final String PHONE = "+44 7700 900731";
    private static final String IBAN = "GB82WEST12345698765432";
    private static final String POISON_IBAN = "DE89 3704 0044 0532 0130 00";
    private static final String PORTAL_EMAIL = "lee.canary.51b0@example.test";
    private static final String PORTAL_ROUTE = "portal-account-churn";
    /** Why the hub stops at start when the CRM refuses its login (the write-back route cannot start). */
    private static final String CRM_LOGIN_REFUSED = "Salesforce refused the client credentials";

    private static final List<String> SECRETS = List.of(CLIENT_SECRET, WRONG_CLIENT_SECRET, WEBHOOK_SECRET,
            WEBHOOK_SECRET_TEXT, WEBHOOK_PREVIOUS_SECRET, "CANARY-previous-webhook-secret-19ad", MODEL_API_KEY,
            DB_PASSWORD, BROKER_PASSWORD, HASH_KEY);
    private static final List<String> PERSONAL_DATA = List.of(EMAIL, POISON_EMAIL, PORTAL_EMAIL, PHONE, IBAN,
            POISON_IBAN, "7700 900731", "3704 0044 0532");
    /**
     * Secrets the rest of the integration suite configures (simulator defaults, the portal demo and rotation
     * secrets): the suite's log must not hold them either.
     */
    private static final List<String> SUITE_SECRETS = List.of("demo-secret", "demo-password",
            "YWlodWItZGVtby1wb3J0YWwtc2lnbmluZy1zZWNyZXQ", "aihub-demo-portal-signing-secret",
            "b2xkLWRlbW8tcG9ydGFsLXNpZ25pbmctc2VjcmV0LTI", "old-demo-portal-signing-secret-2");

    /** The log file of this JVM (log4j2-test.xml); it holds everything the integration suite logged so far. */
    private static final Path SUITE_LOG = Path.of(System.getProperty("basedir", "."), "target", "it-logs",
            "aihub-it.log");

    @TempDir
    Path dir;

    @Test
    void noSecretAndNoPersonalDataShouldLeakIntoLogsDeadLetterReasonsMessagesBiRowsOrMetrics() throws Exception {
        Path secretsFile = writeSecretsFile();
        List<String> scanned = new ArrayList<>();
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(300).seed(66L)
                .clientSecret(CLIENT_SECRET).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().features(10)
                        .scorer(row -> ChurnLogit.probabilities(Arrays.copyOf(row, 8))).start()) {
            crm.start();
            List<String> ids = new ArrayList<>(crm.accountIds());
            String person = ids.get(10);
            String poison = ids.get(20);
            crm.editAccount(person, Map.of("Email__c", EMAIL, "Phone", PHONE, "Name", "Canary Holding " + IBAN));
            crm.editAccount(poison, Map.of("Email__c", POISON_EMAIL, "Tenure_Months__c", POISON_IBAN));
            writeModel(kserve.baseUrl());

            // A CRM login refused: the client secret given on the command line is wrong, so the hub does not start
            // (or, should the login come later, its pages fail).
            HubHarness refused = harness(dir.resolve("refused"), crm, secretsFile)
                    .with("aihub.connector.crm.clientSecret", WRONG_CLIENT_SECRET);
            HubApplication refusedApp = refused.application();
            try {
                refusedApp.start();
                await().atMost(Duration.ofMinutes(1)).until(() ->
                        refusedApp.runtime().counters().route(ROUTE).pageFailures.sum() > 0);
            } catch (Exception e) {
                String refusal = stackTrace(e);
                assertThat(refusal).as("why the hub did not start").contains(CRM_LOGIN_REFUSED);
                scanned.add(refusal);
            } finally {
                refusedApp.stop();
            }
            scanned.add(refused.output());

            HubHarness harness = harness(dir.resolve("hub"), crm, secretsFile);
            HubApplication app = harness.application();
            app.start();
            try {
                assertThat(app.awaitIdle(Duration.ofMinutes(2))).as("first run drained").isTrue();
                assertThat(app.totals().deadLettered()).as("the poison record").isEqualTo(1);
                assertThat(kserve.lastScoringHeader("Authorization")).as("API key from the secrets file")
                        .contains("Bearer " + MODEL_API_KEY);

                // The CRM session expires and the hub logs in again.
                crm.expireTokens();
                // The model server refuses the key and echoes it with a customer's e-mail (as hosted APIs do).
                kserve.inject(ModelFault.errorBody(401, "Incorrect API key provided: " + MODEL_API_KEY
                        + " (customer " + EMAIL + ", phone " + PHONE + ")"), 1);
                crm.editAccount(person, Map.of("Support_Cases_90d__c", 4.0));
                await().atMost(Duration.ofMinutes(1)).until(() -> app.totals().deadLettered() >= 2);

                // A model outage: the route's fallback dead-letters what it cannot score.
                kserve.goDown();
                crm.modifyAccounts(5, 7L);
                await().atMost(Duration.ofMinutes(2)).until(() -> app.totals().deadLettered() >= 7);
                kserve.comeBack();
                assertThat(app.awaitIdle(Duration.ofMinutes(2))).as("drained after the outage").isTrue();

                // Portal webhooks carrying personal data: signed with the current and the previous secret, and
                // refused ones (a tampered body, a stale timestamp).
                PortalWebhookSender portal = new PortalWebhookSender(URI.create("http://127.0.0.1:"
                        + harness.webhookPort + "/webhooks/" + PORTAL_ROUTE), PortalSigningScheme.STANDARD_WEBHOOKS,
                        WEBHOOK_SECRET, WEBHOOK_PREVIOUS_SECRET, Clock.systemUTC());
                PortalEventGenerator generator = new PortalEventGenerator(3);
                PortalEvent signed = generator.event(0).withField("Email__c", PORTAL_EMAIL).withField("Phone", PHONE);
                assertThat(portal.send(signed, PortalDelivery.normal()).status()).isEqualTo(202);
                assertThat(portal.send(generator.event(1).withField("Email__c", PORTAL_EMAIL),
                        PortalDelivery.normal().signedWith(PortalDelivery.SigningKey.PREVIOUS)).status()).isEqualTo(202);
                assertThat(portal.send(generator.event(2).withField("Email__c", PORTAL_EMAIL),
                        PortalDelivery.normal().tampered()).status()).isEqualTo(401);
                assertThat(portal.send(generator.event(3).withField("Email__c", PORTAL_EMAIL),
                        PortalDelivery.normal().stale(Duration.ofMinutes(30))).status()).isEqualTo(401);
                assertThat(app.awaitIdle(Duration.ofMinutes(1))).as("webhook events drained").isTrue();

                scanned.add(get(harness, "/observe/metrics"));
                scanned.add(get(harness, "/observe/health"));
                scanned.add(biTable(app));

                List<Message> letters = drain(harness.corePort, Addresses.deadLetter(ROUTE));
                assertThat(letters).hasSizeGreaterThanOrEqualTo(7);
                assertThat(letters).extracting(m -> m.getStringProperty(EnvelopeHeaders.ERROR_CODE))
                        .contains("MAPPING_BAD_TYPE", "MODEL_AUTH_FAILED");
                for (Message letter : letters) {
                    scanned.add(headers(letter));
                    assertNoCanary("dead-letter body", ((TextMessage) letter).getText(), SECRETS);
                }
                String authFailure = letters.stream().map(CanaryScanIT::headers)
                        .filter(h -> h.contains("MODEL_AUTH_FAILED")).findFirst().orElseThrow();
                assertThat(authFailure).as("the server's reason, scrubbed")
                        .contains("Incorrect API key provided: ****");

                List<Message> predictions = drain(harness.corePort, Addresses.subscriberFqqn(ROUTE, "sales-ops"),
                        TestBrokerUsers.SALES_OPS, TestBrokerUsers.SALES_OPS_PASSWORD);
                assertThat(predictions).isNotEmpty();
                String personEnvelope = null;
                for (Message prediction : predictions) {
                    scanned.add(headers(prediction));
                    String body = ((TextMessage) prediction).getText();
                    scanned.add(body);
                    if (person.equals(prediction.getStringProperty(EnvelopeHeaders.RECORD_ID))) {
                        personEnvelope = body;
                    }
                }
                assertThat(personEnvelope).as("the envelope of the record with personal data")
                        .contains("\"Email__c\":\"" + hmac(EMAIL) + "\"").contains("\"Phone\":\"****0731\"");

                List<Message> portalPredictions = drain(harness.corePort,
                        Addresses.subscriberFqqn(PORTAL_ROUTE, "customer-success"));
                assertThat(portalPredictions).hasSize(2);
                for (Message prediction : portalPredictions) {
                    scanned.add(headers(prediction));
                    String body = ((TextMessage) prediction).getText();
                    scanned.add(body);
                    assertThat(body).contains("\"Email__c\":\"" + hmac(PORTAL_EMAIL) + "\"");
                }
            } finally {
                app.stop();
            }
            scanned.add(harness.output());
        }
        for (String text : scanned) {
            assertNoCanary("hub output, dead-letter headers, messages, BI rows or metrics", text, SECRETS);
            assertNoCanary("hub output, dead-letter headers, messages, BI rows or metrics", text, PERSONAL_DATA);
        }
        String log = Files.readString(SUITE_LOG, StandardCharsets.UTF_8);
        assertThat(log).as("the suite log holds this test's run").contains("AIHUB-SF-0002", "MODEL_UNAVAILABLE");
        assertNoCanary("log file " + SUITE_LOG, log, SECRETS);
        assertNoCanary("log file " + SUITE_LOG, log, PERSONAL_DATA);
        assertNoCanary("log file " + SUITE_LOG, log, SUITE_SECRETS);
    }

    private HubHarness harness(Path dataDir, SalesforceSimulator crm, Path secretsFile) {
        return new HubHarness(dataDir, crm.baseUrl())
                .with("aihub.secretsFile", secretsFile.toString())
                .with("aihub.models.dir", dir.resolve("models").toString())
                .with("camel.main.routesIncludePattern", "classpath:templates/*.camel.yaml,classpath:routes/crm-account-churn.camel.yaml,"
                        + "file:" + Path.of("..", "examples", "portal", "routes", PORTAL_ROUTE + ".camel.yaml")
                        .toAbsolutePath().normalize())
                .with("aihub.broker.user", "aihub")
                // the broker password comes from the secrets file, like every other credential here
                .without("aihub.broker.password")
                .with("aihub.connectors", "crm,portal")
                .with("aihub.connector.crm.fields", "Name,Industry,AnnualRevenue,NumberOfEmployees,Plan__c,"
                        + "Tenure_Months__c,Monthly_Spend__c,Support_Cases_90d__c,Days_Since_Last_Login__c,NPS__c,"
                        + "Email__c,Phone")
                .with("aihub.connector.portal.type", "webhook")
                .with("aihub.connector.portal.scheme", "standard-webhooks")
                .with("aihub.connector.portal.entity", "Account")
                .with("aihub.route.crm-account-churn.sensitive", "Email__c:hash,Phone:mask")
                .with("aihub.route." + PORTAL_ROUTE + ".sensitive", "Email__c:hash,Phone:mask")
                .with("aihub.route.crm-account-churn.fallback", "dead-letter")
                .with("aihub.route.crm-account-churn.maxBackoff", "1000");
    }

    /** Every credential of the run, in a file outside the repository that only its owner can read. */
    private Path writeSecretsFile() throws Exception {
        Path file = dir.resolve("secrets").resolve("aihub-secrets.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "aihub.connector.crm.clientSecret = " + CLIENT_SECRET,
                "aihub.connector.portal.secret = " + WEBHOOK_SECRET,
                "aihub.connector.portal.previousSecret = " + WEBHOOK_PREVIOUS_SECRET,
                "AIHUB_CANARY_MODEL_KEY = " + MODEL_API_KEY,
                "aihub.db.password = " + DB_PASSWORD,
                "aihub.broker.password = " + BROKER_PASSWORD,
                "aihub.pii.hashKey = " + HASH_KEY, ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /**
     * The churn mapping served by KServe v2 with an API key, plus two inputs read from contact fields (whether the
     * account has an e-mail address and a phone number), so those fields are in the envelope's record block.
     */
    private void writeModel(String url) throws Exception {
        Path version = dir.resolve("models").resolve("churn").resolve("1.0.0");
        Files.createDirectories(version);
        String shipped = Files.readString(HubHarness.MODELS.resolve("churn/1.0.0/model.yaml"), StandardCharsets.UTF_8);
        int training = shipped.indexOf("training:");
        String yaml = shipped.substring(0, training).replace("backend: onnx", "backend: kserve-v2")
                .replace("file: model.onnx\n", "")
                + "  - name: email_missing\n    field: Email__c\n    type: float\n    transforms:\n"
                + "      - indicator-missing\n"
                + "  - name: phone_missing\n    field: Phone\n    type: float\n    transforms:\n"
                + "      - indicator-missing\n"
                + "endpoint:\n  url: " + url + "\n  modelName: churn\n  timeout: 15s\n"
                + "  apiKeyEnv: AIHUB_CANARY_MODEL_KEY\n"
                + "resilience:\n  retry:\n    maxAttempts: 2\n  circuitBreaker:\n    waitInOpenState: 2s\n";
        Files.writeString(version.resolve("model.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private static String hmac(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoCanary(String where, String text, List<String> canaries) {
        for (String canary : canaries) {
            int at = text.indexOf(canary);
            assertThat(at).as("canary '%s' found in %s: ...%s...", canary, where,
                    at < 0 ? "" : text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100)))
                    .isNegative();
        }
    }

    private static String get(HubHarness harness, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + harness.httpPort + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Every row of the BI tables as text. */
    private static String biTable(HubApplication app) throws Exception {
        StringBuilder out = new StringBuilder();
        try (java.sql.Connection c = app.runtime().database().connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM predictions")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        assertThat(out).isNotEmpty();
        return out.toString();
    }

    /** A message's properties (its headers) as {@code name=value} lines. */
    private static String headers(Message message) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (Object name : Collections.list(message.getPropertyNames())) {
                out.put(String.valueOf(name), String.valueOf(message.getObjectProperty(String.valueOf(name))));
            }
            return out.toString();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Message> drain(int corePort, String queue) throws Exception {
        return drain(corePort, queue, "aihub", BROKER_PASSWORD);
    }

    private static List<Message> drain(int corePort, String queue, String user, String password) throws Exception {
        List<Message> out = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + corePort);
                Connection connection = factory.createConnection(user, password)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(1_000)) {
                out.add(m);
            }
        }
        return out;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
