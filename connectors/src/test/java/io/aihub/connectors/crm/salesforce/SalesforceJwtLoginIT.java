package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth 2.0 JWT bearer flow against the simulator, with a keystore made by keytool at test time. */
class SalesforceJwtLoginIT {

    private static final String PASSWORD = "kEy-st0re-pw";
    private static final String ALIAS = "aihub-jwt";
    private static final String QUERY = "/services/data/v62.0/query?q="
            + URLEncoder.encode("SELECT Id FROM Account", StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static Path keystore;
    private static X509Certificate certificate;

    @BeforeAll
    static void createKeystore() throws Exception {
        keystore = TestKeystores.create(dir, ALIAS, PASSWORD);
        certificate = TestKeystores.certificate(keystore, ALIAS, PASSWORD);
    }

    private static SalesforceSimulator org(PublicKey registered) {
        SalesforceSimulator sim = SalesforceSimulator.builder().accounts(300).jwtCertificate(registered).build();
        sim.start();
        return sim;
    }

    /** A jwt-bearer configuration: no client secret, the key from the keystore. */
    private static Map<String, String> jwtConfig(SalesforceSimulator sim, String... overrides) {
        Map<String, String> config = SalesforceTestConfigs.source(sim, SalesforceConnectionSettings.CLIENT_SECRET, "",
                SalesforceConnectionSettings.AUTH_FLOW, "jwt-bearer",
                SalesforceConnectionSettings.USERNAME, SalesforceSimulator.INTEGRATION_USERNAME,
                SalesforceConnectionSettings.KEYSTORE_PATH, keystore.toString(),
                SalesforceConnectionSettings.KEYSTORE_PASSWORD, PASSWORD,
                SalesforceConnectionSettings.KEY_ALIAS, ALIAS);
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    private static SalesforceConnectionSettings settings(SalesforceSimulator sim, String... overrides) {
        SalesforceSourceConnector connector = new SalesforceSourceConnector();
        return SalesforceConnectionSettings.from("crm", SalesforceConnectionSettings.parse("test", connector.config(),
                jwtConfig(sim, overrides)));
    }

    private static void query(SalesforceSession session) {
        session.get("query", QUERY, Map.of());
    }

    @Test
    void shouldReadEveryAccountAsTheIntegrationUserAfterAJwtBearerLogin() {
        try (SalesforceSimulator sim = org(certificate.getPublicKey());
                SalesforceSourceTask task = new SalesforceSourceConnector().createTask("crm", jwtConfig(sim))) {
            task.start(SourcePosition.START);
            SourceDrain drain = new SourceDrain().untilEmpty(task);

            assertThat(drain.ids()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(drain.ids())).isEqualTo(sim.accountIds());
        }
    }

    @Test
    void shouldLogInAgainWithAFreshAssertionOnceWhenTheSessionExpired() {
        try (SalesforceSimulator sim = org(certificate.getPublicKey());
                SalesforceSession session = new SalesforceSession(settings(sim))) {
            query(session);
            assertThat(session.userId()).isEqualTo(SalesforceSimulator.INTEGRATION_USER_ID);
            sim.expireTokens();

            query(session);
            query(session);

            assertThat(sim.apiCallCount()).as("the 401 is not counted").isEqualTo(3);
        }
    }

    @Test
    void shouldFailPermanentlyWhenTheAssertionIsSignedWithAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        try (SalesforceSimulator sim = org(generator.generateKeyPair().getPublic());
                SalesforceSession session = new SalesforceSession(settings(sim))) {
            assertThatThrownBy(session::login).isInstanceOfSatisfying(PermanentException.class,
                    refusedNamingTheInstanceOnly("invalid_grant: invalid assertion"));
        }
    }

    @Test
    void shouldFailPermanentlyWhenTheAudienceIsNotTheOrgsLoginServer() {
        try (SalesforceSimulator sim = org(certificate.getPublicKey());
                SalesforceSession session = new SalesforceSession(settings(sim,
                        SalesforceConnectionSettings.AUDIENCE, "https://test.salesforce.com"))) {
            assertThatThrownBy(session::login).isInstanceOfSatisfying(PermanentException.class,
                    refusedNamingTheInstanceOnly("invalid_grant: audience is invalid"));
        }
    }

    @Test
    void shouldFailPermanentlyWhenTheAssertionHasExpired() {
        try (SalesforceSimulator sim = org(certificate.getPublicKey())) {
            SalesforceConnectionSettings settings = settings(sim);
            Clock tenMinutesSlow = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
            SalesforceLoginFlow slowFlow = new SalesforceLoginFlow.JwtBearer("crm", settings.clientId(),
                    settings.jwt(), tenMinutesSlow);
            try (SalesforceSession session = new SalesforceSession(settings, slowFlow)) {
                assertThatThrownBy(session::login).isInstanceOfSatisfying(PermanentException.class,
                        refusedNamingTheInstanceOnly("invalid_grant: expired authorization code"));
            }
        }
    }

    @Test
    void shouldFailPermanentlyWhenTheUserHasNotApprovedTheApp() {
        try (SalesforceSimulator sim = org(certificate.getPublicKey());
                SalesforceSession session = new SalesforceSession(settings(sim,
                        SalesforceConnectionSettings.USERNAME, "someone.else@aihub.example"))) {
            assertThatThrownBy(session::login).isInstanceOfSatisfying(PermanentException.class,
                    refusedNamingTheInstanceOnly("invalid_grant: user hasn't approved this consumer"));
        }
    }

    @Test
    void shouldFailPermanentlyOnAWrongKeystorePasswordWithoutPrintingIt() {
        try (SalesforceSimulator sim = org(certificate.getPublicKey());
                SalesforceSession session = new SalesforceSession(settings(sim,
                        SalesforceConnectionSettings.KEYSTORE_PASSWORD, "wr0ng-pw"))) {
            assertThatThrownBy(session::login).isInstanceOfSatisfying(PermanentException.class, e -> {
                assertThat(e.code()).isEqualTo("SALESFORCE_KEYSTORE");
                assertThat(e.getMessage()).contains("connector 'crm'", keystore.toString(), ALIAS)
                        .doesNotContain("wr0ng-pw", PASSWORD);
            });
            assertThat(sim.apiCallCount()).isZero();
        }
    }

    private static Consumer<PermanentException> refusedNamingTheInstanceOnly(String oauthError) {
        return e -> {
            assertThat(e.code()).isEqualTo("SALESFORCE_AUTH");
            assertThat(e.getMessage()).contains("connector 'crm'", "JWT bearer assertion", oauthError)
                    .doesNotContain(PASSWORD, "eyJ", keystore.toString());
        };
    }
}
