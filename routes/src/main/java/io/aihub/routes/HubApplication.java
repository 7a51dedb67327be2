package io.aihub.routes;

import io.aihub.routes.config.SecretsFile;
import io.aihub.routes.progress.HubCounters;
import io.aihub.routes.progress.ProgressReporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.aihub.routes.observe.HubHealthChecks;
import io.aihub.routes.observe.HubMeters;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;

/**
 * The aihub application: Camel Main with application.properties, an optional configuration file, the
 * shipped route templates and routes, and the hub runtime. Used by {@code ./aihub run} and by tests that
 * boot the real application.
 */
public final class HubApplication {

    private static final long SETTLE_CHECK_MS = 250;
    private static final long SHUTDOWN_WAIT_MS = 60_000;

    private final Main main;
    private final HubConfigurer configurer;
    private final PrintStream out;
    /** Released once run() has stopped the hub and printed the summary; the shutdown hook waits for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Services started by run() once the hub is up and closed before it stops (e.g. dev-mode reloading). */
    private final List<java.util.function.Function<HubApplication, AutoCloseable>> attached =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param overrides  properties that win over every file (tests, command-line options)
     * @param configFile an extra properties file ({@code --config}), read after application.properties
     * @param out        where progress and the summary go
     */
    public HubApplication(Map<String, String> overrides, Optional<Path> configFile, PrintStream out) {
        this.out = out;
        this.configurer = new HubConfigurer(System.getenv());
        this.main = new Main();
        // aihub installs its own shutdown hook in run(), which waits for the graceful stop to finish.
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy strategy) {
            strategy.disableHangupSupport();
        }
        main.setPropertyPlaceholderLocations(propertyLocations(configFile,
                SecretsFile.locate(overrides, configFile, System.getenv())));
        configFile.flatMap(HubApplication::routesOf).or(() -> enabledRoutes(overrides, configFile))
                .ifPresent(routes -> main.addOverrideProperty("camel.main.routesIncludePattern",
                        "classpath:templates/*.camel.yaml," + routes));
        main.configure().addConfiguration(configurer);
        main.bind(HubMeters.CAMEL_REGISTRY_NAME, configurer.metricsRegistry());
        Map<String, String> props = new LinkedHashMap<>(overrides);
        props.forEach(main::addOverrideProperty);
    }

    /**
     * Where the hub's properties come from, for Camel's properties component: the configuration file first,
     * because Camel resolves a key from the first location that has it, then the built-in defaults.
     */
    public static String propertyLocations(Optional<Path> configFile) {
        return configFile.map(p -> "file:" + p.toAbsolutePath() + ",").orElse("") + "classpath:application.properties";
    }

    /**
     * Like {@link #propertyLocations(Optional)}, with the secrets file ({@link SecretsFile}) first, so the
     * credentials it holds win over the configuration file and the defaults.
     */
    public static String propertyLocations(Optional<Path> configFile, Optional<Path> secretsFile) {
        return secretsFile.map(p -> "file:" + p.toAbsolutePath() + ",").orElse("") + propertyLocations(configFile);
    }

    /**
     * The routes a configuration file brings: its {@code aihub.routes} key, comma-separated file patterns
     * relative to the file's folder (e.g. {@code routes/*.camel.yaml}); they replace the shipped routes.
     */
    public static Optional<String> routesOf(Path configFile) {
        String routes = read(configFile).getProperty("aihub.routes");
        if (routes == null || routes.isBlank()) {
            return Optional.empty();
        }
        Path dir = configFile.toAbsolutePath().getParent();
        List<String> patterns = new java.util.ArrayList<>();
        for (String pattern : routes.split(",")) {
            String p = pattern.trim();
            if (!p.isEmpty()) {
                patterns.add(p.startsWith("classpath:") || p.startsWith("file:") ? p : "file:" + dir.resolve(p));
            }
        }
        return Optional.of(String.join(",", patterns));
    }

    /**
     * Attaches a service to {@link #run}: created once the hub has started, closed before the hub stops.
     */
    public void attach(java.util.function.Function<HubApplication, AutoCloseable> service) {
        attached.add(service);
    }

    /** The property that limits the shipped routes to some of them: comma-separated route ids. */
    public static final String ENABLED_ROUTES = "aihub.routes.enabled";

    /**
     * The shipped routes {@value #ENABLED_ROUTES} names (in the overrides, else in the configuration file), as
     * route file patterns; empty when it is not set, so every shipped route runs.
     *
     * @throws IllegalArgumentException naming an id that is no shipped route
     */
    static Optional<String> enabledRoutes(Map<String, String> overrides, Optional<Path> configFile) {
        String ids = overrides.get(ENABLED_ROUTES);
        if (ids == null && configFile.isPresent()) {
            ids = read(configFile.get()).getProperty(ENABLED_ROUTES);
        }
        if (ids == null || ids.isBlank()) {
            return Optional.empty();
        }
        List<String> patterns = new java.util.ArrayList<>();
        for (String id : ids.split(",")) {
            String route = id.trim();
            if (route.isEmpty()) {
                continue;
            }
            String resource = "routes/" + route + ".camel.yaml";
            if (!route.matches("[a-z0-9][a-z0-9-]{0,99}")
                    || HubApplication.class.getClassLoader().getResource(resource) == null) {
                throw new IllegalArgumentException(ENABLED_ROUTES + " names '" + route + "', which is not a shipped"
                        + " route (routes/<id>.camel.yaml)");
            }
            patterns.add("classpath:" + resource);
        }
        return patterns.isEmpty() ? Optional.empty() : Optional.of(String.join(",", patterns));
    }

    private static java.util.Properties read(Path configFile) {
        java.util.Properties props = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(configFile, java.nio.charset.StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
        return props;
    }

    /** Boots the hub and returns once routes are started. */
    public void start() throws Exception {
        main.start();
        CamelContext context = main.getCamelContext();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            HubHealthChecks.of(runtime()).forEach(health::register);
        }
        if (health != null) {
            HubHealthChecks.watchRoutes(runtime(), health);
        }
        io.aihub.routes.api.AdminApi.install(context, runtime(), configurer.apiSettings());
        var simulators = configurer.simulators();
        if (simulators != null) {
            String host = context.getPropertiesComponent().resolveProperty("camel.server.host").orElse("127.0.0.1");
            String port = context.getPropertiesComponent().resolveProperty("camel.server.port").orElse("8090");
            simulators.afterHubStarted(runtime(), "http://" + host + ":" + port, id -> context.getRoute(id) != null);
        }
    }

    /** Stops routes (finishing in-flight pages), then the runtime. */
    public void stop() throws Exception {
        main.stop();
    }

    public HubRuntime runtime() {
        return configurer.runtime();
    }

    public HubConfigurer configurer() {
        return configurer;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public HubCounters.Totals totals() {
        return runtime().counters().totals();
    }

    /**
     * Waits until every source has read all it holds, every hub-internal subscriber has nothing in hand and
     * (with the embedded broker) their queues are empty, twice in a row.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int stableChecks = 0;
        while (System.nanoTime() < deadline) {
            stableChecks = settled() ? stableChecks + 1 : 0;
            if (stableChecks >= 3) {
                return true;
            }
            Thread.sleep(SETTLE_CHECK_MS);
        }
        return false;
    }

    private boolean settled() {
        HubRuntime r = runtime();
        if (r == null || !r.activity().allIdle()) {
            return false;
        }
        var broker = r.embeddedBroker();
        if (broker.isEmpty()) {
            return true;
        }
        for (String queue : r.activity().drainedQueues()) {
            if (broker.get().pendingMessages(queue) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs until Ctrl-C (or, with {@code once}, until everything is drained), printing progress, then
     * stops gracefully and prints the summary line last.
     *
     * @return the process exit code
     */
    public int run(boolean once, Duration onceTimeout, Duration progressInterval) throws Exception {
        start();
        printBanner();
        List<AutoCloseable> services = new java.util.ArrayList<>();
        attached.forEach(service -> services.add(service.apply(this)));
        int exit = 0;
        try (ProgressReporter progress = new ProgressReporter(runtime().counters(), out, progressInterval.toMillis(),
                this::brokerState)) {
            progress.start();
            if (once) {
                if (!awaitIdle(onceTimeout)) {
                    out.println("error: not drained within " + onceTimeout.toSeconds() + " s; still busy: "
                            + runtime().activity().busy());
                    exit = 2;
                }
            } else {
                CountDownLatch shutdownRequested = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shutdownRequested.countDown();
                    try {
                        stopped.await(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "aihub-shutdown"));
                shutdownRequested.await();
                out.println("shutting down: finishing in-flight pages");
            }
            progress.report();
        } finally {
            for (AutoCloseable service : services) {
                try {
                    service.close();
                } catch (Exception e) {
                    out.println("warning: closing " + service.getClass().getSimpleName() + " failed: " + e);
                }
            }
            try {
                stop();
            } finally {
                runtime().counters().summaryLines().forEach(out::println);
                out.flush();
                stopped.countDown();
            }
        }
        return exit;
    }

    /** "broker DOWN for N s, waiting" during an outage, else empty. */
    private String brokerState() {
        var link = runtime().brokerLink();
        return link == null ? "" : link.downSince().map(since -> "broker DOWN for "
                + Duration.between(since, java.time.Instant.now()).toSeconds() + " s, waiting").orElse("");
    }

    private void printBanner() {
        var ctx = main.getCamelContext();
        String host = ctx.getPropertiesComponent().resolveProperty("camel.management.host").orElse("127.0.0.1");
        String port = ctx.getPropertiesComponent().resolveProperty("camel.management.port").orElse("8080");
        String base = "http://" + host + ":" + port;
        out.println("aihub " + HubVersion.current() + " started; routes: " + ctx.getRoutes().stream()
                .map(r -> r.getRouteId()).sorted().toList());
        out.println("  health:  " + base + "/observe/health");
        out.println("  metrics: " + base + "/observe/metrics");
        out.println("  dashboard: " + base + "/  (admin API " + base + "/api, token required)");
        runtime().embeddedBroker().ifPresent(b -> out.println("  broker:  embedded, acceptors " + b.acceptors()));
        out.flush();
    }
}
