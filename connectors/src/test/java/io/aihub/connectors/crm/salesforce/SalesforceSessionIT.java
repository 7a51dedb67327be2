package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSessionIT {

    private static final String QUERY = "/services/data/v62.0/query?q="
            + URLEncoder.encode("SELECT Id FROM Account", StandardCharsets.UTF_8);

    private static SalesforceSimulator org(SalesforceSimulator.Builder builder) {
        SalesforceSimulator sim = builder.accounts(10).build();
        sim.start();
        return sim;
    }

    private static SalesforceSession session(SalesforceSimulator sim) {
        return new SalesforceSession(SalesforceTestConfigs.settings(sim.baseUrl(), "demo-secret"));
    }

    private static JsonNode query(SalesforceSession session) {
        return session.get("query", QUERY, Map.of());
    }

    @Test
    void shouldLogInAsTheIntegrationUserAndReportApiUsage() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder().dailyApiLimit(500));
                SalesforceSession session = session(sim)) {
            assertThat(query(session).get("totalSize").asInt()).isEqualTo(10);

            assertThat(session.userId()).isEqualTo(SalesforceSimulator.INTEGRATION_USER_ID);
            assertThat(session.apiUsage()).contains(new SalesforceApiUsage(1, 500));
        }
    }

    @Test
    void shouldLogInAgainOnceWhenTheSessionExpired() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder()); SalesforceSession session = session(sim)) {
            query(session);
            sim.expireTokens();

            assertThat(query(session).get("totalSize").asInt()).isEqualTo(10);
            assertThat(query(session).get("totalSize").asInt()).isEqualTo(10);
        }
    }

    @Test
    void shouldFailPermanentlyWhenAFreshSessionIsRefusedToo() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder()); SalesforceSession session = session(sim)) {
            query(session);
            sim.failNextRequests(2, 401);

            assertThatThrownBy(() -> query(session)).isInstanceOfSatisfying(PermanentException.class, e -> {
                assertThat(e.code()).isEqualTo("SALESFORCE_AUTH");
                assertThat(e.getMessage()).contains("'crm'", "INVALID_SESSION_ID twice");
            });
        }
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder().tokenTtl(Duration.ZERO));
                SalesforceSession session = session(sim)) {
            assertThatThrownBy(() -> query(session)).isInstanceOfSatisfying(PermanentException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_AUTH"));
        }
    }

    @Test
    void shouldRefuseBadCredentialsNamingTheInstanceButNeverTheSecret() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder());
                SalesforceSession session = new SalesforceSession(
                        SalesforceTestConfigs.settings(sim.baseUrl(), "wrong-s3cret"))) {
            assertThatThrownBy(session::login).isInstanceOfSatisfying(PermanentException.class, e -> {
                assertThat(e.code()).isEqualTo("SALESFORCE_AUTH");
                assertThat(e.getMessage()).contains("connector 'crm'", "invalid_client").doesNotContain("wrong-s3cret");
            });
        }
    }

    @Test
    void shouldTreatServerErrorsAndTimeoutsAsRetriable() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder());
                SalesforceSession session = new SalesforceSession(new SalesforceConnectionSettings("crm",
                        URI.create(sim.baseUrl()), "aihub-demo", "demo-secret", "v62.0", "Account",
                        Duration.ofSeconds(2), Duration.ofMillis(300)))) {
            session.login();
            sim.failNextRequests(1, 503);
            assertThatThrownBy(() -> query(session)).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_UNAVAILABLE"));

            sim.delayNextRequests(1, Duration.ofSeconds(3));
            assertThatThrownBy(() -> query(session)).isInstanceOfSatisfying(RetriableException.class, e -> {
                assertThat(e.code()).isEqualTo("SALESFORCE_UNAVAILABLE");
                assertThat(e.getMessage()).contains("timed out");
            });

            assertThat(query(session).get("totalSize").asInt()).isEqualTo(10);
        }
    }

    @Test
    void shouldTreatAnExhaustedDailyLimitAsRetriableQuota() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder().dailyApiLimit(1));
                SalesforceSession session = session(sim)) {
            query(session);

            assertThatThrownBy(() -> query(session)).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_QUOTA"));
            assertThat(session.apiUsage()).contains(new SalesforceApiUsage(1, 1));
        }
    }

    @Test
    void shouldReportRejectedCallsWithSalesforcesErrorCodeOnly() {
        try (SalesforceSimulator sim = org(SalesforceSimulator.builder()); SalesforceSession session = session(sim)) {
            String secretLiteral = "'Sensitive Customer Name'";
            String path = "/services/data/v62.0/query?q=" + URLEncoder.encode(
                    "SELECT Id FROM Account WHERE Name = " + secretLiteral + " AND", StandardCharsets.UTF_8);

            assertThatThrownBy(() -> session.get("query", path, Map.of()))
                    .isInstanceOfSatisfying(SalesforceRejectedException.class, e -> {
                        assertThat(e.code()).isEqualTo("SALESFORCE_REJECTED");
                        assertThat(e.salesforceErrorCode()).isEqualTo("MALFORMED_QUERY");
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("MALFORMED_QUERY").doesNotContain("Sensitive");
                    });
        }
    }

    @Test
    void shouldTreatAnUnreachableOrgAsRetriable() {
        SalesforceSimulator sim = org(SalesforceSimulator.builder());
        String url = sim.baseUrl();
        sim.close();

        try (SalesforceSession session = new SalesforceSession(SalesforceTestConfigs.settings(url, "demo-secret"))) {
            assertThatThrownBy(session::login).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_UNAVAILABLE"));
        }
    }
}
