package io.aihub.bench;

import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook latency run: the real {@link HubApplication} with route {@value #ROUTE} from the {@code score-events}
 * template over a {@code standard-webhooks} connector, the embedded ONNX churn model, persistent embedded Artemis,
 * the BI sink into H2 and a business subscriber ({@link ReceiptRecorder}) with its own broker login. An
 * {@link OpenLoopSender} posts signed events to {@code /webhooks/}{@value #ROUTE} at a fixed rate: first a warm-up
 * (left out of the figures, its predictions drained), then the measured events. When more than {@link #BEHIND}
 * of the schedule is unanswered the sender stops early and the figures cover what was sent; after each part the
 * run waits until the hub has worked off the requests it still holds (their senders may have given up).
 *
 * <p>The connector's per-client rate limit is set for this route to twice the bench rate ({@code rateLimit} and
 * {@code rateBurst}): every request comes from 127.0.0.1, one client, and the shipped default (100/s, burst 200)
 * would refuse a single sender at 500/s. The shipped default is not changed.
 */
final class WebhookRun {

    static final String ROUTE = "bench-webhook";
    private static final String CONNECTOR = "bench-events";
    private static final String SUBSCRIBER = "business";
    private static final long POLL_MS = 20;
    /** How long predictions may take to reach the subscriber after the last answer. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /**
     * The sender stops early once this much of its schedule is unanswered: the hub cannot keep up, and sending on
     * would only pile up requests it works off long after their senders gave up.
     */
    static final Duration BEHIND = Duration.ofSeconds(5);
    /** The longest the run waits for the hub to work off what it still holds before the next part or the stop. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final BenchSettings settings;
    private final WebhookSettings webhook;
    private final PrintStream out;
    private final String hubPassword = BenchRun.randomPassword();
    private final String businessPassword = BenchRun.randomPassword();
    private final String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));
    private final String runTag = HexFormat.of().formatHex(randomBytes(4));
    private int corePort;
    private int httpPort;

    WebhookRun(BenchSettings settings, WebhookSettings webhook) {
        this.settings = settings;
        this.webhook = webhook;
        this.out = settings.out();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Starts the hub, sends the warm-up and the measured events, and returns the measured figures. */
    WebhookResult run() throws Exception {
        out.printf("webhook: %,d signed events at %d/s for %d s (open loop, after a %d s warm-up), route %s%n",
                webhook.events(), webhook.rate(), webhook.seconds(), webhook.warmup(), ROUTE);
        HubApplication app = startHub();
        try {
            URI target = URI.create("http://127.0.0.1:" + httpPort + "/webhooks/" + ROUTE);
            if (webhook.warmupEvents() > 0) {
                send(target, "warm-up", runTag + "w", webhook.warmupEvents());
                settle(app);
            }
            WebhookResult result = send(target, "webhook", runTag, webhook.events());
            settle(app);
            return result;
        } finally {
            app.stop();
        }
    }

    private HubApplication startHub() throws Exception {
        Path dir = settings.workDir().resolve("webhook");
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes").resolve("webhook.camel.yaml"), routeYaml(), StandardCharsets.UTF_8);
        Path config = dir.resolve("webhook.properties");
        Files.writeString(config, "# written by ./aihub bench\naihub.routes = routes/webhook.camel.yaml\n",
                StandardCharsets.UTF_8);
        corePort = BenchRun.freePort();
        httpPort = BenchRun.freePort();
        String limit = String.valueOf(2L * webhook.rate());
        Map<String, String> p = BenchRun.hubProperties(dir.resolve("data"), corePort, hubPassword, businessPassword,
                Addresses.subscriberQueue(ROUTE, SUBSCRIBER), httpPort);
        p.put("aihub.models.dir", settings.modelsDir().toString());
        p.put("aihub.models", "churn");
        p.put("aihub.simulators.enabled", "false");
        p.put("aihub.connectors", CONNECTOR);
        String connector = "aihub.connector." + CONNECTOR + ".";
        p.put(connector + "type", "webhook");
        p.put(connector + "scheme", "standard-webhooks");
        p.put(connector + "secret", secret);
        p.put(connector + "entity", "Account");
        p.put(connector + "rateLimit", limit);
        p.put(connector + "rateBurst", limit);
        HubApplication app = new HubApplication(p, Optional.of(config),
                new PrintStream(OutputStream.nullOutputStream()));
        app.start();
        return app;
    }

    private String routeYaml() {
        StringBuilder options = new StringBuilder();
        if (webhook.maxBatch() > 0) {
            options.append(parameter("maxBatch", String.valueOf(webhook.maxBatch())));
        }
        if (webhook.maxWait() >= 0) {
            options.append(parameter("maxWait", String.valueOf(webhook.maxWait())));
        }
        return """
                # The webhook benchmark route: signed events -> churn model, micro-batched -> BI and a business queue.
                - templatedRoute:
                    routeTemplateRef: score-events
                    routeId: %1$s
                    parameters:
                      - name: route
                        value: %1$s
                      - name: source
                        value: %2$s
                      - name: model
                        value: churn
                      - name: subscribers
                        value: "bi,%3$s"
                %4$s- templatedRoute:
                    routeTemplateRef: bi-sink
                    routeId: %1$s-bi
                    parameters:
                      - name: route
                        value: %1$s
                """.formatted(ROUTE, CONNECTOR, SUBSCRIBER, options);
    }

    private static String parameter(String name, String value) {
        return "      - name: " + name + "\n        value: \"" + value + "\"\n";
    }

    /**
     * Sends {@code events} on schedule and waits for every answer (each comes within the sender's timeout) and
     * then for the prediction of every accepted event (at most {@link #DRAIN}); prints progress meanwhile.
     */
    private WebhookResult send(URI target, String part, String tag, int events) throws Exception {
        try (OpenLoopSender sender = new OpenLoopSender(target, secret, tag, webhook.rate(), events);
                ReceiptRecorder subscriber = new ReceiptRecorder("tcp://127.0.0.1:" + corePort, SUBSCRIBER,
                        businessPassword, Addresses.subscriberFqqn(ROUTE, SUBSCRIBER), sender::indexOf, events)) {
            subscriber.start();
            Exception[] failure = new Exception[1];
            long start = System.nanoTime() + 20_000_000L;
            Thread sending = new Thread(() -> {
                try {
                    sender.sendAll(start);
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "bench-webhook-sender");
            sending.start();
            long interval = settings.progressInterval().toNanos();
            long nextProgress = start + interval;
            long answerDeadline = start + settings.timeout().toNanos();
            long drainDeadline = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                boolean sendingDone = !sending.isAlive();
                if (sendingDone && failure[0] != null) {
                    break;
                }
                if (sendingDone && drainDeadline == Long.MAX_VALUE && sender.answered() >= sender.sent()) {
                    drainDeadline = now + DRAIN.toNanos();
                }
                if (!sender.stopped() && sender.sent() - sender.answered() > BEHIND.toSeconds() * webhook.rate()) {
                    sender.stop();
                    out.printf("%s: more than %d s of requests unanswered, the hub cannot keep up with %d events/s:"
                            + " stopped sending%n", part, BEHIND.toSeconds(), webhook.rate());
                }
                long accepted = sender.answered() - sender.refused();
                if (drainDeadline != Long.MAX_VALUE && (subscriber.received() >= accepted || now > drainDeadline)) {
                    break;
                }
                if (now > answerDeadline) {
                    break;
                }
                if (now >= nextProgress) {
                    progress(part, sender, subscriber, start);
                    nextProgress += interval;
                }
                subscriber.check();
                Thread.sleep(POLL_MS);
            }
            sending.join();
            if (failure[0] != null) {
                throw failure[0];
            }
            subscriber.check();
            WebhookResult result = figures(sender, subscriber);
            if (!part.equals("webhook")) {
                out.printf("%s: %,d events sent, %,d refused, %,d received%n", part, result.sent(), result.refused(),
                        result.received());
            }
            return result;
        }
    }

    /**
     * Waits until the hub's count of accepted events has not moved for a second (or for twice the route's maxWait,
     * when that is longer), at most {@link #SETTLE}: requests whose senders gave up are still being worked off.
     */
    private void settle(HubApplication app) throws InterruptedException {
        long quiet = Math.max(1000, 2 * webhook.maxWait()) * 1_000_000L;
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long last = app.totals().pulled();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS * 5);
            long now = app.totals().pulled();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet) {
                return;
            }
        }
        out.printf("webhook: the hub was still working off requests after %d s%n", SETTLE.toSeconds());
    }

    private void progress(String part, OpenLoopSender sender, ReceiptRecorder subscriber, long startNanos) {
        long sent = sender.sent();
        long left = sender.stopped() ? 0 : sender.events() - sent;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String sending = left > 0 ? String.format(", %.0f events/s", seconds > 0 ? sent / seconds : 0.0) : "";
        String eta = left > 0 ? String.format("ETA %.0f s", (double) left / webhook.rate())
                : "waiting for the last answers";
        out.printf("progress: %s %,d/%,d events sent%s, %,d received, %,d refused, %s%n", part, sent, sender.events(),
                sending, subscriber.received(), sender.refused(), eta);
        out.flush();
    }

    private WebhookResult figures(OpenLoopSender sender, ReceiptRecorder subscriber) {
        int events = (int) sender.sent();
        LatencyHistogram fromSend = new LatencyHistogram();
        LatencyHistogram fromSchedule = new LatencyHistogram();
        LatencyHistogram response = new LatencyHistogram();
        Map<String, Long> refused = new LinkedHashMap<>();
        long refusedCount = 0;
        for (int i = 0; i < events; i++) {
            int status = sender.status(i);
            if (status >= 200 && status <= 299) {
                response.add((sender.answeredAt(i) - sender.due(i)) / 1000);
            } else {
                refusedCount++;
                refused.merge(status > 0 ? String.valueOf(status) : "no-answer", 1L, Long::sum);
            }
            long receivedAt = subscriber.receivedAt(i);
            if (receivedAt != 0) {
                fromSend.add((receivedAt - sender.sentAt(i)) / 1000);
                fromSchedule.add((receivedAt - sender.due(i)) / 1000);
            }
        }
        double sendSeconds = events > 1 ? (sender.sentAt(events - 1) - sender.sentAt(0)) / 1e9 : 0;
        double achieved = events > 1 && sendSeconds > 0 ? (events - 1) / sendSeconds : webhook.rate();
        return new WebhookResult(webhook.rate(), webhook.seconds(), events, sender.stopped(), refusedCount, refused,
                subscriber.received(), achieved, WebhookResult.Percentiles.of(fromSend),
                WebhookResult.Percentiles.of(fromSchedule), WebhookResult.Percentiles.of(response));
    }
}
