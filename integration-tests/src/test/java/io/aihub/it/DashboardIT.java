package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.routes.HubApplication;
import io.aihub.routes.api.TokenHash;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against a running hub: the page asks for a token, then shows the hub's
 * route with non-zero counts, its dead letters with reasons, the model and its drift chart, replays dead letters
 * with the operator token, and logs no console error or exception. Writes {@code target/dashboard.png}. Skipped
 * (never passed) where Chromium is not installed; {@code .ci/run} installs Debian's {@code chromium}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardIT {

    private static final String ROUTE = "crm-account-churn";
    private static final String OPERATOR_TOKEN = "aihub_dashboard_" + "RGFzaGJvYXJkVG9rZW4xMjM0NTY3OA";
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @TempDir
    Path modelsDir;

    @Test
    void shouldShowTheRunningHubWithoutConsoleErrors() throws Exception {
        Optional<Path> chromium = HeadlessChromium.executable();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install -y chromium)");
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(600).seed(9L).build()) {
            crm.start();
            long withoutNps = crm.accountIds().stream().filter(id -> crm.account(id).get("NPS__c") == null).count();
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl())
                    .with("camel.server.port", String.valueOf(HubHarness.freePort()))
                    .with("aihub.models.dir", TestModels.churnWithoutNpsDefault(modelsDir).toString())
                    .with("aihub.api.token.dashboard.hash", TokenHash.sha256(OPERATOR_TOKEN))
                    .with("aihub.api.token.dashboard.role", "operator");
            HubApplication app = harness.application();
            app.start();
            try (HeadlessChromium browser = HeadlessChromium.start(chromium.get(), 1400, 1500)) {
                seedDriftReports(app);
                String base = "http://127.0.0.1:" + harness.httpPort;
                assertThat(new AdminApiClient(harness.httpPort).get("/observe/metrics", null).status())
                        .as("metrics are open by default").isEqualTo(200);
                browser.navigate(base + "/");
                await(browser, "the token form", "document.readyState === 'complete'"
                        + " && !document.getElementById('token-panel').classList.contains('hidden')");

                browser.evaluate("document.getElementById('token').value = '" + OPERATOR_TOKEN + "';"
                        + " document.getElementById('token-submit').click(); true");
                await(browser, "the signed-in page", "!document.getElementById('content').classList.contains('hidden')"
                        + " && document.getElementById('who').textContent.includes('dashboard (operator)')");
                assertThat(browser.evaluate("location.href").asText()).as("no token in the URL").isEqualTo(base + "/");
                assertThat(browser.evaluate("sessionStorage.getItem('aihub.apiToken')").asText())
                        .isEqualTo(OPERATOR_TOKEN);
                assertThat(browser.evaluate("document.getElementById('token').value").asText()).isEmpty();

                // the routes table of the running hub, with non-zero counts, read from the DOM
                awaitPage(browser, "route row with scored records", () -> number(routeCell(browser, "scored")) > 0);
                assertThat(routeCell(browser, "state")).isEqualTo("Started");
                assertThat(number(routeCell(browser, "pulled"))).isPositive();
                assertThat(number(routeCell(browser, "published"))).isPositive();
                assertThat(browser.evaluate("typeof Chart !== 'undefined'"
                        + " && Chart.getChart('throughput-chart') !== undefined").asBoolean()).isTrue();

                assertThat(app.awaitIdle(Duration.ofMinutes(2))).isTrue();
                awaitPage(browser, "dead letters listed with their reason", () -> browser.evaluate(
                                "Array.from(document.querySelectorAll('.dlq-route[data-route=\"" + ROUTE + "\"]"
                                + " .dlq-reasons tbody tr')).map(tr => tr.textContent).join('|')").asText()
                                .contains("MAPPING_MISSING_FIELD" + String.format(java.util.Locale.US, "%,d", withoutNps)));
                awaitPage(browser, "final counts on the page", () -> number(routeCell(browser, "pulled")) == 600
                                && number(routeCell(browser, "deadLettered")) == withoutNps);

                // models: the version table and both charts (metrics, and drift from the seeded rows)
                awaitPage(browser, "model section with charts", () -> browser.evaluate("(() => { const m = document.querySelector("
                                + "'.model[data-model=\"churn\"]'); if (!m) return false;"
                                + " const canvases = m.querySelectorAll('canvas');"
                                + " return m.querySelector('tr[data-version=\"1.0.0\"]') !== null"
                                + " && canvases.length === 2 && Chart.getChart(canvases[0]) !== undefined"
                                + " && Chart.getChart(canvases[1]) !== undefined"
                                + " && Chart.getChart(canvases[1]).data.datasets.map(d => d.label).sort().join(',')"
                                + " === '__score__,nps,tenure_log,threshold'; })()").asBoolean());
                assertThat(browser.evaluate("document.querySelector('.model[data-model=\"churn\"] .role').textContent")
                        .asText()).isEqualTo("champion on " + ROUTE);

                Path screenshotFile = Files.write(SCREENSHOT.toAbsolutePath(), browser.screenshot());
                byte[] png = Files.readAllBytes(screenshotFile);
                assertThat(png).startsWith(0x89, 'P', 'N', 'G');
                assertThat(png.length).isGreaterThan(20_000);

                // replay from the page with the operator token: the records go through the route again
                long before = app.runtime().counters().totals().deadLettered();
                browser.evaluate("document.querySelector('.dlq-route[data-route=\"" + ROUTE + "\"]"
                        + " button.replay[data-code=\"MAPPING_MISSING_FIELD\"]').click(); true");
                await(browser, "the replay message", "document.getElementById('replay-message').textContent"
                        + ".startsWith('replayed " + ROUTE + " (MAPPING_MISSING_FIELD): " + withoutNps + " records')");
                Awaitility.await("replayed records dead-lettered again (the mapping is still broken)").atMost(WAIT)
                        .until(() -> app.runtime().counters().totals().deadLettered() == before + withoutNps);

                assertThat(browser.errors()).as("console errors and exceptions of the page").isEmpty();
            } finally {
                app.stop();
            }
            assertThat(harness.output()).doesNotContain(OPERATOR_TOKEN);
        }
    }

    private static void await(HeadlessChromium browser, String what, String condition) {
        awaitPage(browser, what, () -> browser.evaluate(condition).asBoolean());
    }

    /** Waits for a condition on the page; on time-out, fails with what the page shows and its errors. */
    private static void awaitPage(HeadlessChromium browser, String what, java.util.concurrent.Callable<Boolean> test) {
        try {
            Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String page;
            try {
                page = browser.evaluate("document.body.innerText").asText();
            } catch (Exception f) {
                page = "(page unreadable: " + f + ")";
            }
            throw new AssertionError("timed out waiting for " + what + "; page errors: " + browser.errors()
                    + "; page text:\n" + page, e);
        }
    }

    private static String routeCell(HeadlessChromium browser, String field) throws Exception {
        JsonNode value = browser.evaluate("(() => { const c = document.querySelector('#routes-body tr[data-route=\""
                + ROUTE + "\"] [data-field=\"" + field + "\"]'); return c ? c.textContent : null; })()");
        return value.isNull() ? "" : value.asText();
    }

    private static long number(String text) {
        String digits = text.replace(",", "");
        return digits.matches("\\d+") ? Long.parseLong(digits) : -1;
    }

    /** Drift rows as contract 2 defines them: PSI of two features and the score over four hourly windows. */
    private static void seedDriftReports(HubApplication app) throws Exception {
        Map<String, double[]> psi = new HashMap<>();
        psi.put("nps", new double[] {0.02, 0.04, 0.18, 0.31});
        psi.put("tenure_log", new double[] {0.01, 0.02, 0.02, 0.03});
        psi.put("__score__", new double[] {0.03, 0.05, 0.12, 0.22});
        try (Connection c = app.runtime().database().connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS drift_reports (report_id BIGINT GENERATED BY DEFAULT AS IDENTITY"
                    + " PRIMARY KEY, route_id VARCHAR(200), model_name VARCHAR(200), model_version VARCHAR(50),"
                    + " window_start TIMESTAMP WITH TIME ZONE, window_end TIMESTAMP WITH TIME ZONE, records INT,"
                    + " feature VARCHAR(200), psi DOUBLE PRECISION, missing_rate DOUBLE PRECISION,"
                    + " out_of_range_rate DOUBLE PRECISION, psi_threshold DOUBLE PRECISION, drifted BOOLEAN,"
                    + " created_at TIMESTAMP WITH TIME ZONE)");
            for (var feature : psi.entrySet()) {
                for (int w = 0; w < 4; w++) {
                    double value = feature.getValue()[w];
                    s.execute("INSERT INTO drift_reports (route_id, model_name, model_version, window_start,"
                            + " window_end, records, feature, psi, missing_rate, out_of_range_rate, psi_threshold,"
                            + " drifted, created_at) VALUES ('" + ROUTE + "', 'churn', '1.0.0',"
                            + " TIMESTAMP WITH TIME ZONE '2026-12-01 0" + w + ":00:00+00',"
                            + " TIMESTAMP WITH TIME ZONE '2026-12-01 0" + (w + 1) + ":00:00+00', 500, '"
                            + feature.getKey() + "', " + value + ", 0.0, 0.0, 0.2, " + (value > 0.2)
                            + ", CURRENT_TIMESTAMP)");
                }
            }
        }
    }
}
