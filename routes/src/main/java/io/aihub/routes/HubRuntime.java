package io.aihub.routes;

import io.aihub.api.sink.SinkConnector;
import io.aihub.connectors.portal.webhook.WebhookConnector;
import io.aihub.connectors.portal.webhook.WebhookEndpoint;
import io.aihub.api.sink.SinkTask;
import io.aihub.api.source.SourceConnector;
import io.aihub.api.source.SourceTask;
import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import io.aihub.routes.broker.BrokerLink;
import io.aihub.routes.broker.BrokerTopology;
import io.aihub.routes.broker.EmbeddedBroker;
import io.aihub.routes.config.HubSettings;
import io.aihub.routes.broker.QueueStats;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.observe.ConnectorHealth;
import io.aihub.routes.observe.ConnectorQuotas;
import io.aihub.routes.observe.HubMeters;
import io.aihub.routes.observe.HubMetrics;
import io.aihub.routes.observe.ModelCircuits;
import io.aihub.routes.progress.HubCounters;
import io.aihub.routes.store.HubDatabase;
import io.aihub.routes.store.PositionStore;
import io.aihub.routes.store.PredictionTable;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services every aihub component shares: broker connection (and the embedded broker), database,
 * connector instances, loaded models, counters. Started before the routes, stopped after them.
 */
public final class HubRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubRuntime.class);
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();

    private final HubSettings settings;
    private final String hubVersion;
    private final HubCounters counters = new HubCounters();
    private final ActivityTracker activity = new ActivityTracker();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Map<String, ConnectorInstance> connectors = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> resolvedSettings = new LinkedHashMap<>();
    private final Map<String, WebhookEndpoint> webhooks = new LinkedHashMap<>();
    private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();
    /** Configured server URLs of remote models ({@code aihub.model.<name>.url}), simulator placeholders resolved. */
    private final Map<String, String> modelUrls = new ConcurrentHashMap<>();
    /** Versions other than the configured one that routes asked for, by {@code <name>@<version>}. */
    private final Map<String, LoadedModel> otherVersions = new ConcurrentHashMap<>();
    private final HubMeters meters;
    private final ModelCircuits circuits;
    private final ConnectorHealth connectorHealth = new ConnectorHealth(Clock.systemUTC());
    private final ConnectorQuotas quotas;
    private QueueStats queueStats;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final java.util.Set<String> declaredQueues = new java.util.HashSet<>();
    private EmbeddedBroker embeddedBroker;
    /** The broker the hub connects to (in-VM, or the external URL with its TLS settings) and its password. */
    private String brokerUrl;
    private String brokerPassword;
    private ActiveMQConnectionFactory connectionFactory;
    private BrokerTopology topology;
    private BrokerLink brokerLink;
    private HubDatabase database;
    private PositionStore positions;
    private PredictionTable predictions;
    private io.aihub.routes.store.RouteRunRecorder routeRuns;

    private HubRuntime(HubSettings settings, String hubVersion, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.hubVersion = hubVersion;
        this.meters = new HubMeters(registry, counters, Clock.systemUTC());
        this.circuits = new ModelCircuits(registry);
        this.quotas = new ConnectorQuotas(registry);
    }

    /**
     * Starts the broker (or connects to the external one), opens and migrates the database (at the same time),
     * loads models and validates connector settings. On any failure, whatever was started is stopped again.
     *
     * @param urlOverrides replaces connector setting values (e.g. {@code simulator:salesforce} with the
     *                     simulator's URL)
     */
    public static HubRuntime start(HubSettings settings, String hubVersion,
            java.util.function.UnaryOperator<String> urlOverrides)
            throws Exception {
        return start(settings, hubVersion, urlOverrides, HubMeters.newRegistry());
    }

    /**
     * Starts the runtime with its meters in {@code registry} (the one {@code /observe/metrics} serves).
     *
     * @see #start(HubSettings, String, java.util.function.UnaryOperator)
     */
    public static HubRuntime start(HubSettings settings, String hubVersion,
            java.util.function.UnaryOperator<String> urlOverrides, PrometheusMeterRegistry registry)
            throws Exception {
        HubRuntime runtime = new HubRuntime(settings, hubVersion, registry);
        try {
            runtime.startServices(urlOverrides);
            return runtime;
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * Opens and migrates the database on its own thread while this one starts the broker, the connectors and the
     * models (each part takes about a second of a start); nothing before the join uses the database.
     */
    private void startServices(java.util.function.UnaryOperator<String> urlOverrides) throws Exception {
        prepareFolders(settings.dataDir(), settings.dbUrl());
        CompletableFuture<HubDatabase> opening = CompletableFuture.supplyAsync(
                () -> HubDatabase.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword()),
                task -> {
                    Thread thread = new Thread(task, "aihub-db-open");
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            startBrokerConnectorsAndModels(urlOverrides);
        } catch (Exception | Error e) {
            closeOnceOpen(opening, e);
            throw e;
        }
        database = joined(opening);
        closeables.add(0, database);
        positions = new PositionStore(database.dataSource(), codec.mapper());
        routeRuns = io.aihub.routes.store.RouteRunRecorder.start(database.dataSource(), hubVersion, counters);
        closeables.add(0, routeRuns);
        predictions = new PredictionTable(database.dataSource(), codec.mapper());
    }

    /**
     * Creates the data folder, and the folder of an H2 file database, before the database opens on its own thread
     * while the broker starts: both would create the data folder at once, and H2 fails when a folder it is about
     * to create appears meanwhile ("a file with this name already exists"; seen in a benchmark run).
     */
    static void prepareFolders(java.nio.file.Path dataDir, String dbUrl) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dataDir);
        String h2File = "jdbc:h2:file:";
        if (dbUrl.startsWith(h2File)) {
            String path = dbUrl.substring(h2File.length());
            int options = path.indexOf(';');
            java.nio.file.Path parent = java.nio.file.Path.of(options < 0 ? path : path.substring(0, options))
                    .toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
        }
    }

    /** Waits for the database that opens while the start failed, and closes it (or notes why it did not open). */
    private static void closeOnceOpen(CompletableFuture<HubDatabase> opening, Throwable failure) {
        try {
            joined(opening).close();
        } catch (Exception | Error e) {
            failure.addSuppressed(e);
        }
    }

    /** The future's value, or the exception it failed with (not wrapped). */
    private static <T> T joined(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void startBrokerConnectorsAndModels(java.util.function.UnaryOperator<String> urlOverrides)
            throws Exception {
        String brokerUrl;
        String brokerPassword;
        if (settings.brokerUrl().isPresent()) {
            brokerUrl = settings.broker().security().clientUrl(settings.brokerUrl().get());
            brokerPassword = settings.brokerClientPassword();
        } else {
            embeddedBroker = new EmbeddedBroker(settings.broker(), IN_VM_IDS.incrementAndGet());
            closeables.add(embeddedBroker);
            embeddedBroker.start();
            brokerUrl = embeddedBroker.inVmUrl();
            brokerPassword = embeddedBroker.hubPassword();
        }
        connectionFactory = new ActiveMQConnectionFactory(brokerUrl, settings.brokerUser(), brokerPassword);
        // No transparent reconnect: a lost connection fails the call at once, its user discards the connection,
        // and BrokerLink reconnects with back-off (see docs/architecture.md, "Broker outages").
        connectionFactory.setReconnectAttempts(0);
        connectionFactory.setInitialConnectAttempts(1);
        closeables.add(0, connectionFactory);
        topology = new BrokerTopology(embeddedBroker, brokerUrl, settings.brokerUser(), brokerPassword);
        brokerLink = new BrokerLink(connectionFactory, BrokerLink.describe(brokerUrl), topology::redeclare);
        closeables.add(0, brokerLink);
        BrokerLink link = brokerLink;
        this.brokerUrl = brokerUrl;
        this.brokerPassword = brokerPassword;
        queueStats = new QueueStats(embeddedBroker, brokerUrl, settings.brokerUser(), brokerPassword,
                Clock.systemUTC(), link::isUp);
        closeables.add(0, queueStats);

        Map<String, SourceConnector> sources = new LinkedHashMap<>();
        ServiceLoader.load(SourceConnector.class).forEach(c -> sources.put(c.type(), c));
        Map<String, SinkConnector> sinks = new LinkedHashMap<>();
        ServiceLoader.load(SinkConnector.class).forEach(c -> sinks.put(c.type(), c));
        settings.connectors().forEach((name, raw) -> {
            Map<String, String> resolved = new LinkedHashMap<>();
            raw.forEach((k, v) -> resolved.put(k, urlOverrides.apply(v)));
            resolvedSettings.put(name, Map.copyOf(resolved));
            String type = resolved.get("type");
            if (WebhookConnector.TYPE.equals(type)) {
                Map<String, String> config = new LinkedHashMap<>(resolved);
                config.remove("type");
                webhooks.put(name, new WebhookConnector().createEndpoint(name, config));
                return;
            }
            if (!sources.containsKey(type) && !sinks.containsKey(type)) {
                throw new IllegalArgumentException("connector '" + name + "' has unknown type '" + type
                        + "' (known: " + sources.keySet() + ")");
            }
            connectors.put(name, new ConnectorInstance(name, resolved, sources.get(type), sinks.get(type)));
        });
        settings.modelUrls().forEach((name, url) -> modelUrls.put(name, urlOverrides.apply(url)));
        for (var model : settings.models().entrySet()) {
            models.put(model.getKey(), loadModel(model.getKey(), model.getValue()));
        }
    }

    private LoadedModel loadModel(String name, Optional<String> version) {
        String url = modelUrls.get(name);
        LoadedModel loaded = ModelRegistry.load(settings.modelsDir(), name, version.orElse(null),
                settings.modelSecrets(), d -> url == null ? d : d.withEndpointUrl(url));
        closeables.add(0, loaded);
        var meta = loaded.backend().metadata();
        List<String> problems = loaded.mapping().validateAgainst(meta);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " " + meta.version() + ": mapping does not fit the "
                    + "model: " + String.join("; ", problems));
        }
        circuits.watch(name, meta.version(), loaded.backend());
        LOG.info("AIHUB-MODEL-0002 model {} {} loaded ({} backend, {} features)", name, meta.version(),
                meta.backend(), meta.features().size());
        return loaded;
    }

    /** The remote models' circuit breakers. */
    public ModelCircuits circuits() {
        return circuits;
    }

    /** The hub's metrics registry, served at {@code /observe/metrics}. */
    public HubMeters meters() {
        return meters;
    }

    /** How each connector's last call went, for its health check. */
    public ConnectorHealth connectorHealth() {
        return connectorHealth;
    }

    /** The request quotas the connectors know. */
    public ConnectorQuotas quotas() {
        return quotas;
    }

    /** Names of the configured connector instances (source/sink and webhook). */
    public List<String> connectorNames() {
        List<String> names = new ArrayList<>(connectors.keySet());
        names.addAll(webhooks.keySet());
        return names;
    }

    /** Every loaded model version by {@code <name>@<version>}: the configured ones and those routes asked for. */
    public Map<String, LoadedModel> loadedModels() {
        Map<String, LoadedModel> all = new java.util.TreeMap<>();
        models.forEach((name, m) -> all.put(name + "@" + m.backend().metadata().version(), m));
        all.putAll(otherVersions);
        return all;
    }

    public String hubVersion() {
        return hubVersion;
    }

    public HubSettings settings() {
        return settings;
    }

    public HubCounters counters() {
        return counters;
    }

    public ActivityTracker activity() {
        return activity;
    }

    public EnvelopeCodec codec() {
        return codec;
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** Whether the broker is reachable; every JMS user reports lost connections here and waits on it. */
    public BrokerLink brokerLink() {
        return brokerLink;
    }

    /** The URL the hub's own connections use (may hold a trust store password: log only via BrokerLink.describe). */
    public String brokerUrl() {
        return brokerUrl;
    }

    /** The hub user's effective broker password (configured, or the embedded broker's generated one). */
    public String brokerPassword() {
        return brokerPassword;
    }

    public Optional<EmbeddedBroker> embeddedBroker() {
        return Optional.ofNullable(embeddedBroker);
    }

    public PositionStore positions() {
        return positions;
    }

    public PredictionTable predictions() {
        return predictions;
    }

    /** This run's {@code route_runs} recorder. */
    public io.aihub.routes.store.RouteRunRecorder routeRuns() {
        return routeRuns;
    }

    public HubDatabase database() {
        return database;
    }

    /** Declares a route's address, subscriber queues and dead-letter queue on the broker. */
    public void declareRoute(String routeId, List<String> subscribers) throws Exception {
        topology.declareRoute(routeId, subscribers);
        synchronized (declaredQueues) {
            if (declaredQueues.add(routeId)) {
                HubMetrics.bindQueues(meters.registry(), routeId, subscribers, queueStats);
            }
        }
    }

    /** Names of the loaded models. */
    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    /**
     * A specific version of a model (a route's pinned version, shadow or canary), loaded on first use and kept
     * until the hub stops.
     */
    public synchronized LoadedModel model(String name, String version) {
        if (version == null || version.isBlank()) {
            return model(name);
        }
        LoadedModel configured = models.get(name);
        if (configured != null && configured.backend().metadata().version().equals(version)) {
            return configured;
        }
        return otherVersions.computeIfAbsent(name + "@" + version, k -> loadModel(name, Optional.of(version)));
    }

    /** A loaded model by name; models are loaded at start from {@code aihub.models}. */
    public LoadedModel model(String name) {
        LoadedModel model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "' (configured: " + models.keySet()
                    + "; list it in aihub.models)");
        }
        return model;
    }

    /** A connector instance's resolved setting (simulator placeholders replaced), or null. */
    public String connectorSetting(String connector, String key) {
        Map<String, String> raw = resolvedSettings.get(connector);
        return raw == null ? null : raw.get(key);
    }

    /** A webhook connector instance ({@code type = webhook}), verified and ready for requests. */
    public WebhookEndpoint webhook(String name) {
        WebhookEndpoint endpoint = webhooks.get(name);
        if (endpoint == null) {
            throw new IllegalArgumentException("unknown webhook connector '" + name + "' (configured: "
                    + webhooks.keySet() + "; declare aihub.connector." + name + ".type = webhook)");
        }
        return endpoint;
    }

    public SourceTask createSourceTask(String connector) {
        SourceTask task = connector(connector).createSourceTask();
        quotas.watch(connector, task);
        return task;
    }

    public SinkTask createSinkTask(String connector) {
        SinkTask task = connector(connector).createSinkTask();
        quotas.watch(connector, task);
        return task;
    }

    /** The connector type of an instance, e.g. {@code salesforce} for {@code crm}; the name if unknown. */
    public String connectorType(String instance) {
        if (webhooks.containsKey(instance)) {
            return WebhookConnector.TYPE;
        }
        ConnectorInstance c = connectors.get(instance);
        return c == null ? instance : c.type();
    }

    private ConnectorInstance connector(String name) {
        ConnectorInstance c = connectors.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown connector '" + name + "' (configured: " + connectors.keySet()
                    + "; list it in aihub.connectors)");
        }
        return c;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("AIHUB-HUB-0009 closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
    }
}
