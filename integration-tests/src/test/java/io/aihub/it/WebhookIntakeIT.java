package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.portal.PortalEventGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook intake under concurrency, on three {@code score-events} routes that linger 30 s for a batch of 50:
 * 50 concurrent requests are answered 202 long before the linger ends, all from one broker transaction (no
 * thread waits for a batch, so more requests wait than the HTTP server has worker threads); beyond
 * {@code maxPending} waiting events a request is answered 503 with Retry-After at once; and when a route stops
 * with requests waiting, each gets a quiet 503 with Retry-After, never a 500 nor a logged stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookIntakeIT {

    private static final String SECRET = "whsec_YWlodWItZGVtby1wb3J0YWwtc2lnbmluZy1zZWNyZXQ=";
    /** More than the 20 worker threads the old intake held one per waiting request. */
    private static final int MORE_THAN_WORKER_THREADS = 30;

    private HubApplication app;
    private int httpPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final PortalEventGenerator generator = new PortalEventGenerator(23);
    private final AtomicInteger nextEvent = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
    private AbstractAppender capture;

    @BeforeAll
    void startHub(@TempDir Path dataDir, @TempDir Path profileDir) throws Exception {
        Files.createDirectories(profileDir.resolve("routes"));
        String profile = Files.readString(WebhookHubIT.PORTAL_PROFILE, StandardCharsets.UTF_8);
        Files.writeString(profileDir.resolve("aihub.properties"), profile, StandardCharsets.UTF_8);
        StringBuilder routes = new StringBuilder();
        routes.append(route("hook-batch", "10000")).append(route("hook-bounded", "5"))
                .append(route("hook-stop", "10000"));
        Files.writeString(profileDir.resolve("routes").resolve("intake.camel.yaml"), routes, StandardCharsets.UTF_8);
        captureWarnings();
        httpPort = HubHarness.freePort();
        app = new HubApplication(WebhookHubIT.portalHubProperties(dataDir, httpPort),
                Optional.of(profileDir.resolve("aihub.properties")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        app.start();
    }

    @AfterAll
    void stopHub() throws Exception {
        try {
            if (app != null) {
                app.stop();
            }
        } finally {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(capture.getName());
            context.updateLoggers();
            capture.stop();
        }
    }

    @Test
    void answersFiftyConcurrentRequestsFromOneTransactionWithoutWaitingForTheLinger() throws Exception {
        String queue = Addresses.subscriberQueue("hook-batch", "audit");
        List<Integer> depthAtAnswer = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(send("hook-batch").thenApply(response -> {
                depthAtAnswer.add((int) app.runtime().embeddedBroker().orElseThrow().pendingMessages(queue));
                return response.statusCode();
            }));
        }

        // The linger is 30 s: only a batch that filled up to maxBatch = 50 is answered before it ends.
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> answer : answers) {
            statuses.add(answer.get(25, TimeUnit.SECONDS));
        }

        assertThat(statuses).containsOnly(202).hasSize(50);
        assertThat(depthAtAnswer).as("events on the queue at each answer: all 50 came in one transaction")
                .containsOnly(50);
    }

    @Test
    void answers503WithRetryAfterAtOnceWhenMaxPendingEventsWait() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(send("hook-bounded"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> app.camelContext().getInflightRepository().size("hook-bounded") == 5);
        long rejectedBefore = app.runtime().counters().route("hook-bounded").rejected.sum();

        HttpResponse<String> refused = send("hook-bounded").get(20, TimeUnit.SECONDS);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body()).contains("EVENT_NOT_DELIVERED");
        assertThat(app.runtime().counters().route("hook-bounded").rejected.sum()).isEqualTo(rejectedBefore + 1);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void answersTheRequestsWaitingWhenTheRouteStopsWithAQuiet503() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < MORE_THAN_WORKER_THREADS; i++) {
            waiting.add(send("hook-stop"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> app.camelContext().getInflightRepository().size("hook-stop") == MORE_THAN_WORKER_THREADS);
        warnings.clear();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                app.camelContext().getRouteController().stopRoute("hook-stop");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        for (CompletableFuture<HttpResponse<String>> answer : waiting) {
            HttpResponse<String> response = answer.get(25, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        }
        stopped.get(25, TimeUnit.SECONDS);
        assertThat(warnings).as("warnings logged while the route stopped").isEmpty();
    }

    private CompletableFuture<HttpResponse<String>> send(String route) {
        WebhookSecurityIT.Delivery delivery = WebhookSecurityIT.delivery(generator.event(nextEvent.getAndIncrement()),
                SECRET);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/webhooks/" + route))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
        delivery.headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A score-events route lingering 30 s for a batch of 50, its events going to one subscriber queue. */
    private static String route(String id, String maxPending) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("route", id);
        parameters.put("source", "portal");
        parameters.put("model", "churn");
        parameters.put("subscribers", "audit");
        parameters.put("maxBatch", "50");
        parameters.put("maxWait", "30000");
        parameters.put("maxPending", maxPending);
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: score-events\n    routeId: ")
                .append(id).append("\n    parameters:\n");
        parameters.forEach((name, value) -> yaml.append("      - name: ").append(name).append("\n        value: \"")
                .append(value).append("\"\n"));
        return yaml.toString();
    }

    /** Keeps every WARN or ERROR line (with its exception) the hub logs. */
    private void captureWarnings() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        capture = new AbstractAppender("webhook-intake-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                            + (event.getThrown() == null ? "" : " " + event.getThrown()));
                }
            }
        };
        capture.start();
        config.addAppender(capture);
        config.getRootLogger().addAppender(capture, Level.WARN, null);
        context.updateLoggers();
    }
}
