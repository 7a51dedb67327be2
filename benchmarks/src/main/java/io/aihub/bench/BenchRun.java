package io.aihub.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.json.HubJson;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import io.aihub.routes.HubApplication;
import io.aihub.routes.HubVersion;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.flow.EnvelopeFactory;
import io.aihub.routes.flow.PagePublisher;
import io.aihub.routes.flow.PageScorer;
import io.aihub.routes.flow.ScoredPage;
import io.aihub.routes.store.HubDatabase;
import io.aihub.routes.store.PredictionTable;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * One benchmark run, all parts in this JVM on the same records: the real hub end to end (bench source,
 * {@code score-records} with the embedded ONNX churn model, persistent embedded Artemis, the BI sink on H2 and
 * a business subscriber acknowledging each message), then the raw limits of its parts: plain JMS on the same
 * broker, the model alone, and plain JDBC batch upserts; then, when asked, the webhook latency run
 * ({@link WebhookRun}). Prints one line per figure, the ratio last, and writes the figures as JSON.
 */
public final class BenchRun {

    private static final String ROUTE = "bench";
    private static final String RAW_ROUTE = "bench-raw";
    private static final String SUBSCRIBER = "business";
    private static final long POLL_MS = 20;
    private static final double MB = 1024.0 * 1024.0;

    private final BenchSettings settings;
    private final WebhookSettings webhook;
    private final PrintStream out;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    /** Broker passwords of this run: the hub's, and the business consumer's (random, never printed). */
    private final String hubPassword = randomPassword();
    private final String businessPassword = randomPassword();
    private long warmup;

    /** A run without the webhook latency run. */
    public BenchRun(BenchSettings settings) {
        this(settings, WebhookSettings.OFF);
    }

    public BenchRun(BenchSettings settings, WebhookSettings webhook) {
        this.settings = settings;
        this.webhook = webhook;
        this.out = settings.out();
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Records sent through the hub and each raw part first, in the same JVM, before anything is timed; their
     * figures are discarded. Without it the hub, which runs first, is measured on a cold JVM (its JIT compiling
     * Camel, Artemis, H2 and Jackson) while the raw parts, which run after it, find the same code compiled.
     */
    public BenchRun warmup(long records) {
        if (records < 0) {
            throw new IllegalArgumentException("warm-up records must not be negative");
        }
        this.warmup = records;
        return this;
    }

    /** Runs every part and returns the figures; the JSON file is written to the results folder. */
    public BenchResult run() throws Exception {
        Files.createDirectories(settings.workDir());
        long n = settings.records();
        out.printf("bench: %,d records, page size %d, db %s, max heap %,d MB, work dir %s%n", n, settings.pageSize(),
                settings.db().label(), Runtime.getRuntime().maxMemory() / (1024 * 1024), settings.workDir());
        if (warmup > 0) {
            out.printf("warm-up: %,d records through the hub and each raw part first; their figures are discarded%n",
                    warmup);
            BenchSettings w = new BenchSettings(warmup, settings.pageSize(), settings.modelsDir(),
                    settings.resultsDir(), settings.workDir().resolve("warm-up"), settings.progressInterval(),
                    settings.timeout(), out, settings.db());
            Files.createDirectories(w.workDir());
            new BenchRun(w).measureParts();
            out.println("warm-up: done; timed run starts");
        }
        Measured measured = measureParts();
        BenchResult result = measured.result();
        Optional<WebhookResult> hooks = webhook.enabled()
                ? Optional.of(new WebhookRun(settings, webhook).run()) : Optional.empty();
        Path json = writeJson(result, measured.db(), hooks);
        out.println("db: " + measured.db());
        List<String> lines = result.lines();
        for (int i = 0; i < lines.size() - 1; i++) {
            out.println(lines.get(i));
        }
        hooks.ifPresent(h -> h.lines().forEach(out::println));
        out.println("results: " + json);
        out.println(lines.get(lines.size() - 1));
        out.flush();
        return result;
    }

    /** The figures of one pass, and the database they were taken on. */
    private record Measured(BenchResult result, String db) {
    }

    /** The hub, then the raw parts, on this run's records; prints progress only. */
    private Measured measureParts() throws Exception {
        HubFigures hub;
        double rawJms;
        List<String> ring;
        try (BenchDatabase database = BenchDatabase.start(settings.db(), settings.workDir());
                LoadedModel model = ModelRegistry.load(settings.modelsDir(), "churn", null)) {
            int core = freePort();
            HubApplication app = startHub(core, database);
            try {
                hub = measureHub(app, core);
                ring = envelopeRing(model);
                app.runtime().declareRoute(RAW_ROUTE, List.of(SUBSCRIBER));
                rawJms = measureRawJms(app.runtime().embeddedBroker().orElseThrow().inVmUrl(), core, ring);
            } finally {
                app.stop();
            }
            double rawModel = measureRawModel(model);
            String db;
            double rawJdbc;
            try (HubDatabase raw = database.openRaw()) {
                db = BenchDatabase.describe(settings.db(), raw);
                rawJdbc = measureRawJdbc(model, raw);
            }
            return new Measured(new BenchResult(settings.records(), settings.pageSize(), hub.throughput, hub.p50,
                    hub.p95, hub.p99, hub.publishP50, hub.publishP99, hub.heapPeakMb, hub.heapAfterGcPeakMb,
                    hub.heapRetainedMb, hub.cpuMicrosPerRecord, rawJms, rawModel, rawJdbc), db);
        }
    }

    private record HubFigures(double throughput, double p50, double p95, double p99, double publishP50,
            double publishP99, double heapPeakMb, double heapAfterGcPeakMb, double heapRetainedMb,
            double cpuMicrosPerRecord) {
    }

    private HubApplication startHub(int corePort, BenchDatabase database) throws Exception {
        Path dir = settings.workDir().resolve("hub");
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes").resolve("bench.camel.yaml"), routeYaml(), StandardCharsets.UTF_8);
        Path config = dir.resolve("bench.properties");
        Files.writeString(config, "# written by ./aihub bench\naihub.routes = routes/bench.camel.yaml\n",
                StandardCharsets.UTF_8);
        Map<String, String> p = hubProperties(dir.resolve("data"), corePort, hubPassword, businessPassword,
                Addresses.subscriberQueue(ROUTE, SUBSCRIBER) + "," + Addresses.subscriberQueue(RAW_ROUTE, SUBSCRIBER),
                freePort());
        p.put("aihub.models.dir", settings.modelsDir().toString());
        p.put("aihub.models", "churn");
        p.put("aihub.simulators.enabled", "false");
        p.put("aihub.connectors", ROUTE);
        p.put("aihub.connector.bench.type", BenchSourceConnector.TYPE);
        p.put("aihub.connector.bench." + BenchSourceConnector.RECORDS, String.valueOf(settings.records()));
        p.put("aihub.connector.bench." + BenchSourceConnector.PAGE_SIZE, String.valueOf(settings.pageSize()));
        p.putAll(database.hubProperties());
        BenchSourceTask.reset();
        HubApplication app = new HubApplication(p, Optional.of(config), new PrintStream(OutputStream.nullOutputStream()));
        app.start();
        return app;
    }

    /**
     * The settings every bench hub shares: its data folder, the CORE port only (no AMQP, STOMP or MQTT), the
     * hub's broker password, one business user allowed {@code queues}, a free management port and
     * {@code httpPort} for the HTTP server.
     */
    static Map<String, String> hubProperties(Path dataDir, int corePort, String hubPassword, String businessPassword,
            String queues, int httpPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aihub.dataDir", dataDir.toString());
        p.put("aihub.broker.corePort", String.valueOf(corePort));
        p.put("aihub.broker.amqpPort", "0");
        p.put("aihub.broker.stompPort", "0");
        p.put("aihub.broker.mqttPort", "0");
        p.put("aihub.broker.password", hubPassword);
        p.put("aihub.broker.users", SUBSCRIBER);
        p.put("aihub.broker.user." + SUBSCRIBER + ".password", businessPassword);
        p.put("aihub.broker.user." + SUBSCRIBER + ".queues", queues);
        p.put("camel.management.port", String.valueOf(freePort()));
        p.put("camel.server.port", String.valueOf(httpPort));
        return p;
    }

    private String routeYaml() {
        return """
                # The benchmark route: bench source -> churn model -> predictions for the BI sink and a business queue.
                - templatedRoute:
                    routeTemplateRef: score-records
                    routeId: bench
                    parameters:
                      - name: route
                        value: bench
                      - name: source
                        value: bench
                      - name: model
                        value: churn
                      - name: subscribers
                        value: "bi,business"
                      - name: idleDelay
                        value: "100"
                - templatedRoute:
                    routeTemplateRef: bi-sink
                    routeId: bench-bi
                    parameters:
                      - name: route
                        value: bench
                      - name: batchSize
                        value: "%d"
                """.formatted(settings.pageSize());
    }

    private HubFigures measureHub(HubApplication app, int corePort) throws Exception {
        long n = settings.records();
        try (AckingConsumer business = new AckingConsumer("tcp://127.0.0.1:" + corePort, SUBSCRIBER, businessPassword,
                Addresses.subscriberFqqn(ROUTE, SUBSCRIBER), n, true);
                ResourceMeter meter = new ResourceMeter()) {
            business.start();
            meter.start();
            long cpuBefore = ResourceMeter.processCpuNanos();
            long started = System.nanoTime();
            BenchSourceTask.open();
            long biDone = 0;
            long deadline = started + settings.timeout().toNanos();
            long nextProgress = started + settings.progressInterval().toNanos();
            while (true) {
                long now = System.nanoTime();
                long bi = app.totals().biRows();
                if (biDone == 0 && bi >= n) {
                    biDone = now;
                }
                if (biDone != 0 && business.done()) {
                    break;
                }
                if (now > deadline) {
                    throw new TimeoutException("hub run not done within " + settings.timeout().toSeconds()
                            + " s: bi_rows=" + bi + ", business acknowledged " + business.received() + " of " + n);
                }
                if (now >= nextProgress) {
                    progress("hub", Math.min(bi, business.received()), n, started, meter);
                    nextProgress += settings.progressInterval().toNanos();
                }
                Thread.sleep(POLL_MS);
            }
            business.await(java.time.Duration.ofSeconds(5));
            if (business.received() < n) {
                throw new IllegalStateException("business subscriber received " + business.received() + " of " + n);
            }
            long cpuAfter = ResourceMeter.processCpuNanos();
            long retained = meter.retainedHeapBytes();
            long end = Math.max(business.lastAckNanos(), biDone);
            double seconds = (end - BenchSourceTask.firstPollNanos()) / 1e9;
            LatencyHistogram poll = business.fromPoll();
            LatencyHistogram event = business.fromEventTime();
            return new HubFigures(n / seconds, poll.percentileMillis(50), poll.percentileMillis(95),
                    poll.percentileMillis(99), event.percentileMillis(50), event.percentileMillis(99),
                    meter.peakHeapBytes() / MB, meter.peakAfterGcBytes() / MB, retained / MB,
                    cpuBefore < 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1000.0 / n);
        }
    }

    /**
     * The envelopes the hub publishes for the first {@link BenchData#RING} records, scored by the same model
     * and built by the hub's own envelope factory and codec (built once, outside every timed section).
     */
    private List<String> envelopeRing(LoadedModel model) {
        PageScorer scorer = new PageScorer("churn", model.mapping(), model.backend());
        EnvelopeFactory factory = new EnvelopeFactory(ROUTE, HubVersion.current(), Clock.systemUTC());
        List<String> ring = new ArrayList<>(BenchData.RING);
        for (int from = 0; from < BenchData.RING; from += settings.pageSize()) {
            int to = Math.min(BenchData.RING, from + settings.pageSize());
            ScoredPage page = scorer.score(page(from, to));
            page.scored().forEach(s -> ring.add(codec.write(factory.envelope(s, page.model(), BenchSourceConnector.TYPE))));
        }
        return ring;
    }

    private static SourcePage page(long from, long to) {
        List<SourceRecord> records = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (long i = from; i < to; i++) {
            records.add(new SourceRecord("bench", "Account", BenchData.id(i), "1", now, BenchData.fields(i),
                    SourcePosition.START));
        }
        return new SourcePage(records, SourcePosition.START, false);
    }

    /**
     * Raw JMS: a plain producer on the hub's in-VM connector sends the envelopes, with the hub's message
     * properties and a unique duplicate id each, persistent, in transactions of one page, to a multicast
     * address with one queue; a plain consumer over the CORE port acknowledges each message.
     */
    private double measureRawJms(String inVmUrl, int corePort, List<String> ring) throws Exception {
        long n = settings.records();
        try (AckingConsumer consumer = new AckingConsumer("tcp://127.0.0.1:" + corePort, SUBSCRIBER, businessPassword,
                Addresses.subscriberFqqn(RAW_ROUTE, SUBSCRIBER), n, false);
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(inVmUrl, "aihub", hubPassword);
                Connection connection = factory.createConnection()) {
            consumer.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Destination topic = session.createTopic(Addresses.predictions(RAW_ROUTE));
            long started = System.nanoTime();
            long deadline = started + settings.timeout().toNanos();
            long nextProgress = started + settings.progressInterval().toNanos();
            for (long i = 0; i < n; i++) {
                TextMessage message = session.createTextMessage(ring.get((int) (i % ring.size())));
                message.setStringProperty(EnvelopeHeaders.ROUTE, RAW_ROUTE);
                message.setStringProperty(EnvelopeHeaders.MODEL, "churn");
                message.setStringProperty(EnvelopeHeaders.RECORD_ID, BenchData.id(i));
                message.setStringProperty(EnvelopeHeaders.EVENT_ID, "raw-" + i);
                message.setStringProperty("JMSXGroupID", BenchData.id(i));
                message.setStringProperty(PagePublisher.DUPLICATE_ID, "raw-" + i);
                message.setJMSType(PredictionEvent.TYPE);
                producer.send(topic, message);
                if ((i + 1) % settings.pageSize() == 0 || i + 1 == n) {
                    session.commit();
                }
                if (System.nanoTime() >= nextProgress) {
                    progress("raw jms", consumer.received(), n, started, -1);
                    nextProgress += settings.progressInterval().toNanos();
                }
            }
            while (!consumer.done()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("raw JMS consumer got " + consumer.received() + " of " + n);
                }
                if (System.nanoTime() >= nextProgress) {
                    progress("raw jms", consumer.received(), n, started, -1);
                    nextProgress += settings.progressInterval().toNanos();
                }
                Thread.sleep(POLL_MS);
            }
            consumer.await(java.time.Duration.ofSeconds(5));
            return n / ((consumer.lastAckNanos() - started) / 1e9);
        }
    }

    /** Raw model: the same rows, mapped outside the clock, scored in batches of one page; only predict is timed. */
    private double measureRawModel(LoadedModel model) {
        long n = settings.records();
        List<FeatureRow> rows = new ArrayList<>(BenchData.RING);
        for (int i = 0; i < BenchData.RING; i++) {
            rows.add(model.mapping().map(BenchData.fields(i)));
        }
        long timed = 0;
        long started = System.nanoTime();
        long nextProgress = started + settings.progressInterval().toNanos();
        for (long from = 0; from < n; from += settings.pageSize()) {
            long to = Math.min(n, from + settings.pageSize());
            List<FeatureRow> batch = new ArrayList<>((int) (to - from));
            for (long i = from; i < to; i++) {
                batch.add(rows.get((int) (i % BenchData.RING)));
            }
            long t0 = System.nanoTime();
            int scored = model.backend().predict(batch).size();
            timed += System.nanoTime() - t0;
            if (scored != batch.size()) {
                throw new IllegalStateException("model returned " + scored + " outcomes for " + batch.size() + " rows");
            }
            if (System.nanoTime() >= nextProgress) {
                progress("raw model", to, n, started, -1);
                nextProgress += settings.progressInterval().toNanos();
            }
        }
        return n / (timed / 1e9);
    }

    /**
     * Raw JDBC: the same prediction rows (unique event ids) upserted in batches of one page, one transaction per
     * batch, with the BI table's own statement into a fresh database of the hub's kind and settings; only the
     * upserts are timed.
     */
    private double measureRawJdbc(LoadedModel model, HubDatabase db) {
        long n = settings.records();
        List<PredictionEvent> ring = new ArrayList<>();
        for (String json : envelopeRing(model)) {
            ring.add(codec.read(json));
        }
        PredictionTable table = new PredictionTable(db.dataSource(), codec.mapper());
        long timed = 0;
        long stored = 0;
        long started = System.nanoTime();
        long nextProgress = started + settings.progressInterval().toNanos();
        for (long from = 0; from < n; from += settings.pageSize()) {
            long to = Math.min(n, from + settings.pageSize());
            List<PredictionEvent> batch = new ArrayList<>((int) (to - from));
            for (long i = from; i < to; i++) {
                PredictionEvent e = ring.get((int) (i % ring.size()));
                batch.add(new PredictionEvent(e.specversion(), "raw-" + i, e.source(), e.type(), e.subject(),
                        e.time(), e.datacontenttype(), e.dataschema(), e.data()));
            }
            long t0 = System.nanoTime();
            stored += table.upsert(batch);
            timed += System.nanoTime() - t0;
            if (System.nanoTime() >= nextProgress) {
                progress("raw jdbc", to, n, started, -1);
                nextProgress += settings.progressInterval().toNanos();
            }
        }
        if (stored != n) {
            throw new IllegalStateException("raw JDBC stored " + stored + " rows of " + n);
        }
        return n / (timed / 1e9);
    }

    /** A progress line of the hub run, with the heap peak and the heap left after the latest collection. */
    private void progress(String part, long done, long total, long startedNanos, ResourceMeter meter) {
        long afterGc = meter.lastAfterGcBytes();
        progress(part, done, total, startedNanos, meter.peakHeapBytes(),
                afterGc < 0 ? "" : String.format(", after last GC %.0f MB", afterGc / MB));
    }

    private void progress(String part, long done, long total, long startedNanos, long heapBytes) {
        progress(part, done, total, startedNanos, heapBytes, "");
    }

    private void progress(String part, long done, long total, long startedNanos, long heapBytes, String more) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        out.printf("progress: %s %,d/%,d records, %.0f records/s%s%n", part, done, total,
                seconds > 0 ? done / seconds : 0.0,
                heapBytes >= 0 ? String.format(", heap peak %.0f MB", heapBytes / MB) + more : "");
        out.flush();
    }

    private Path writeJson(BenchResult result, String db, Optional<WebhookResult> hooks) throws IOException {
        Files.createDirectories(settings.resultsDir());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", java.time.Instant.now().toString());
        doc.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        doc.put("db", db);
        doc.putAll(result.toMap());
        hooks.ifPresent(h -> doc.put("webhook", h.toMap()));
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json";
        Path file = settings.resultsDir().resolve(name);
        HubJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        return file;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
