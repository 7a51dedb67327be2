package io.aihub.routes.demo;

import io.aihub.routes.HubRuntime;
import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.aihub.simulators.erp.jdbc.ErpDatabaseSeeder;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import io.aihub.simulators.model.OpenAiChatSimulator;
import io.aihub.simulators.portal.PortalDelivery;
import io.aihub.simulators.portal.PortalEventGenerator;
import io.aihub.simulators.portal.PortalSigningScheme;
import io.aihub.simulators.portal.PortalWebhookSender;
import io.aihub.simulators.portal.TicketGenerator;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the built-in simulators for the demo profile. The simulated CRM is seeded the same way at every
 * start; edits made with {@code ./aihub sim-edit} are kept in a journal under the data folder and replayed
 * in order at start, so a later run sees them as changed records, exactly as a real CRM would hold them.
 *
 * <p>Only the simulators some connector setting refers to are started: a value {@code simulator:<name>} or
 * {@code simulator:<name>/path} is replaced by that simulator's URL ({@code salesforce}, {@code dataverse},
 * {@code dataverse-token}, {@code sap}, {@code erp-db} for a seeded JDBC database, {@code chat} for the
 * OpenAI-compatible chat server that triages tickets, which a remote model's {@code aihub.model.<name>.url} may
 * name). The simulated portal is a webhook sender, started once the hub runs.
 */
public final class DemoSimulators implements AutoCloseable {

    /** The connector setting value that stands for the running Salesforce simulator's URL. */
    public static final String SALESFORCE_URL_PLACEHOLDER = "simulator:salesforce";
    /** Prefix of connector setting values that stand for a simulator: {@code simulator:<name>[/path]}. */
    public static final String PLACEHOLDER_PREFIX = "simulator:";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSimulators.class);

    private final SalesforceSimulator salesforce;
    private final DataverseSimulator dataverse;
    private final SapODataSimulator sap;
    private final OpenAiChatSimulator chat;
    private final Map<String, String> urls;
    private final Map<String, String> settings;
    private Path dataDir;

    private DemoSimulators(SalesforceSimulator salesforce, DataverseSimulator dataverse, SapODataSimulator sap,
            OpenAiChatSimulator chat, Map<String, String> urls, Map<String, String> settings) {
        this.salesforce = salesforce;
        this.dataverse = dataverse;
        this.sap = sap;
        this.chat = chat;
        this.urls = Map.copyOf(urls);
        this.settings = Map.copyOf(settings);
    }

    /**
     * The simulators connector settings refer to, as {@code simulator:<name>} or {@code simulator:<name>/path}.
     */
    public static Set<String> referenced(Map<String, Map<String, String>> connectors) {
        return referenced(connectors, List.of());
    }

    /** The simulators connector settings and the configured remote model URLs refer to. */
    public static Set<String> referenced(Map<String, Map<String, String>> connectors,
            java.util.Collection<String> modelUrls) {
        Set<String> names = new TreeSet<>();
        List<String> values = new java.util.ArrayList<>(modelUrls);
        connectors.values().forEach(c -> values.addAll(c.values()));
        values.forEach(v -> {
            if (v != null && v.startsWith(PLACEHOLDER_PREFIX)) {
                String rest = v.substring(PLACEHOLDER_PREFIX.length());
                int slash = rest.indexOf('/');
                names.add(slash < 0 ? rest : rest.substring(0, slash));
            }
        });
        return names;
    }

    /** Starts the simulators named in {@code wanted} and replays the Salesforce edit journal in {@code dataDir}. */
    public static DemoSimulators start(Map<String, String> settings, Path dataDir, Set<String> wanted)
            throws IOException {
        SalesforceSimulator sf = null;
        DataverseSimulator dv = null;
        SapODataSimulator sap = null;
        OpenAiChatSimulator chat = null;
        Map<String, String> urls = new LinkedHashMap<>();
        try {
            if (wanted.contains("salesforce")) {
                sf = startSalesforce(settings, dataDir);
                urls.put("salesforce", sf.baseUrl());
            }
            if (wanted.contains("dataverse") || wanted.contains("dataverse-token")) {
                dv = DataverseSimulator.builder()
                        .accounts(Integer.parseInt(settings.getOrDefault("dataverse.accounts", "5000")))
                        .seed(Long.parseLong(settings.getOrDefault("dataverse.seed", "42")))
                        .clientId(settings.getOrDefault("dataverse.clientId", "aihub-demo"))
                        .clientSecret(settings.getOrDefault("dataverse.clientSecret", "demo-secret"))
                        .build();
                dv.start();
                urls.put("dataverse", dv.baseUrl());
                urls.put("dataverse-token", dv.tokenUrl());
                LOG.info("AIHUB-DEMO-0002 Dataverse simulator on {} with {} accounts", dv.baseUrl(),
                        dv.accountIds().size());
            }
            if (wanted.contains("sap")) {
                SapODataSimulator sim = SapODataSimulator.builder()
                        .partners(Integer.parseInt(settings.getOrDefault("sap.partners", "5000")))
                        .salesOrders(Integer.parseInt(settings.getOrDefault("sap.salesOrders", "500")))
                        .seed(Long.parseLong(settings.getOrDefault("sap.seed", "42")))
                        .password(settings.getOrDefault("sap.password", "demo-password"))
                        .build();
                sap = sim;
                sim.start();
                urls.put("sap", sim.baseUrl());
                LOG.info("AIHUB-DEMO-0005 SAP OData simulator on {} with {} business partners and {} sales orders",
                        sim.baseUrl(), sim.partnerKeys().size(), sim.keys(SapService.SALES_ORDER).size());
            }
            if (wanted.contains("chat")) {
                chat = OpenAiChatSimulator.start(null, "category", "confidence");
                urls.put("chat", chat.baseUrl());
                LOG.info("AIHUB-DEMO-0007 OpenAI-compatible chat simulator on {}", chat.baseUrl());
            }
            if (wanted.contains("erp-db")) {
                String url = erpDatabase(settings, dataDir);
                urls.put("erp-db", url);
            }
            Set<String> unknown = new TreeSet<>(wanted);
            unknown.removeAll(KNOWN);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no built-in simulator named " + unknown + " (known: " + KNOWN + ")");
            }
        } catch (IOException | RuntimeException e) {
            if (sf != null) {
                sf.close();
            }
            if (dv != null) {
                dv.close();
            }
            if (sap != null) {
                sap.close();
            }
            if (chat != null) {
                chat.close();
            }
            throw e;
        }
        DemoSimulators started = new DemoSimulators(sf, dv, sap, chat, urls, settings);
        started.dataDir = dataDir;
        return started;
    }

    private static final Set<String> KNOWN = Set.of("salesforce", "dataverse", "dataverse-token", "sap", "erp-db",
            "portal", "chat");

    /** The demo ERP database user; its password is {@code aihub.simulators.erp-db.password}. */
    public static final String ERP_DB_USER = "aihub";

    /**
     * An ERP database for the JDBC connector: an H2 file under the data folder (PostgreSQL mode) with the
     * {@code erp_customers} table, seeded with {@code aihub.simulators.erp-db.customers} customers (5,000) the
     * first time.
     *
     * @return its JDBC URL
     */
    private static String erpDatabase(Map<String, String> settings, Path dataDir) throws IOException {
        Path file = dataDir.resolve("simulators").resolve("erp-db").resolve("erp").toAbsolutePath();
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        int customers = Integer.parseInt(settings.getOrDefault("erp-db.customers", "5000"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, ERP_DB_USER,
                settings.getOrDefault("erp-db.password", "demo-password"))) {
            var seeder = new ErpDatabaseSeeder(Long.parseLong(settings.getOrDefault("erp-db.seed", "42")));
            seeder.createTable(c);
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT COUNT(*) FROM " + ErpDatabaseSeeder.TABLE)) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    seeder.insertCustomers(c, 0, customers);
                }
            }
            LOG.info("AIHUB-DEMO-0006 ERP database {} ready", file);
        } catch (java.sql.SQLException e) {
            throw new IOException("demo ERP database: SQLSTATE " + e.getSQLState(), e);
        }
        return url;
    }

    private static SalesforceSimulator startSalesforce(Map<String, String> settings, Path dataDir) throws IOException {
        SalesforceSimulator sim = SalesforceSimulator.builder()
                .accounts(Integer.parseInt(settings.getOrDefault("salesforce.accounts", "5000")))
                .seed(Long.parseLong(settings.getOrDefault("salesforce.seed", "42")))
                .port(Integer.parseInt(settings.getOrDefault("salesforce.port", "0")))
                .clientId(settings.getOrDefault("salesforce.clientId", "aihub-demo"))
                .clientSecret(settings.getOrDefault("salesforce.clientSecret", "demo-secret"))
                .build();
        sim.start();
        int edits = 0;
        for (EditEntry entry : readJournal(journal(dataDir))) {
            edits += sim.modifyAccounts(entry.accounts(), entry.seed()).size();
        }
        if (Boolean.parseBoolean(settings.getOrDefault("salesforce.outcomes", "false"))) {
            int outcomes = sim.recordChurnOutcomes().size();
            LOG.info("AIHUB-DEMO-0010 Salesforce simulator: churn outcomes recorded on {} accounts", outcomes);
        }
        LOG.info("AIHUB-DEMO-0001 Salesforce simulator on {} with {} accounts ({} replayed edits)", sim.baseUrl(),
                sim.accountIds().size(), edits);
        return sim;
    }

    /**
     * Once the hub's routes run: the simulated portal sends {@code aihub.simulators.portal.events} signed events
     * (500 by default) to {@code POST /webhooks/<aihub.simulators.portal.route>}, as a customer portal would:
     * account events, or support tickets ({@link TicketGenerator}) with {@code aihub.simulators.portal.kind =
     * tickets}. The hub counts as busy until the last one was answered, so {@code --once} waits for them. Like a
     * real portal it sends each event once: how many were accepted is kept under the data folder
     * ({@code simulators/portal-<route>.sent}), and the next start sends only the events after those.
     */
    public void afterHubStarted(HubRuntime runtime, String webhookBaseUrl) {
        afterHubStarted(runtime, webhookBaseUrl, id -> true);
    }

    /**
     * Like {@link #afterHubStarted(HubRuntime, String)}, sending only when {@code routeRuns} says the portal's route
     * runs in this hub (a profile with other routes inherits the demo's portal settings but not its route).
     */
    public void afterHubStarted(HubRuntime runtime, String webhookBaseUrl,
            java.util.function.Predicate<String> routeRuns) {
        String route = settings.get("portal.route");
        if (route == null || route.isBlank() || !routeRuns.test(route)) {
            return;
        }
        long seed = Long.parseLong(settings.getOrDefault("portal.seed", "42"));
        java.util.function.IntFunction<io.aihub.simulators.portal.PortalEvent> portalEvents =
                portalEvents(settings.getOrDefault("portal.kind", "accounts"), seed);
        int events = Integer.parseInt(settings.getOrDefault("portal.events", "500"));
        String secret = settings.getOrDefault("portal.secret", "");
        PortalSigningScheme scheme = PortalSigningScheme.valueOf(settings.getOrDefault("portal.scheme",
                "STANDARD_WEBHOOKS").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        Path sentFile = dataDir == null ? null : dataDir.resolve("simulators").resolve("portal-" + route + ".sent");
        int first = readSent(sentFile);
        String worker = "simulator:portal";
        runtime.activity().register(worker);
        int connections = Integer.parseInt(settings.getOrDefault("portal.connections", "16"));
        Thread sender = new Thread(() -> {
            // A portal sends from several connections at once, as real ones do; the hub micro-batches them.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(connections);
            try {
                PortalWebhookSender portal = new PortalWebhookSender(URI.create(webhookBaseUrl + "/webhooks/" + route),
                        scheme, secret, secret, Clock.systemUTC());
                java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
                java.util.Set<Integer> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
                List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
                for (int i = first; i < events; i++) {
                    int index = i;
                    sends.add(pool.submit(() -> {
                        int status = deliver(portal, portalEvents.apply(index));
                        for (int retry = 0; (status == 503 || status == 429 || status < 0) && retry < 10; retry++) {
                            Thread.sleep(1000L * (retry + 1));
                            status = deliver(portal, portalEvents.apply(index));
                        }
                        if (status / 100 == 2) {
                            accepted.incrementAndGet();
                        } else {
                            refused.add(index);
                        }
                        return null;
                    }));
                }
                for (var send : sends) {
                    send.get();
                }
                writeSent(sentFile, refused.stream().min(Integer::compare).orElse(Math.max(first, events)));
                LOG.info("AIHUB-DEMO-0003 simulated portal sent {} events to route {}, {} accepted",
                        Math.max(0, events - first), route, accepted.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("AIHUB-DEMO-0004 simulated portal stopped: {}", e.toString());
            } finally {
                pool.shutdownNow();
                runtime.activity().idle(worker, true);
            }
        }, "aihub-demo-portal");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Sends one event; a request that timed out or lost its connection gives -1, so it is sent again like a 503
     * (the hub answers a delivery it already accepted with 200).
     */
    static int deliver(PortalWebhookSender portal, io.aihub.simulators.portal.PortalEvent event)
            throws InterruptedException {
        try {
            return portal.send(event, PortalDelivery.normal()).status();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static int readSent(Path sentFile) {
        try {
            return sentFile == null || !Files.exists(sentFile) ? 0
                    : Integer.parseInt(Files.readString(sentFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            LOG.warn("AIHUB-DEMO-0008 cannot read {}; the simulated portal sends every event again", sentFile);
            return 0;
        }
    }

    private static void writeSent(Path sentFile, int sent) {
        if (sentFile == null) {
            return;
        }
        try {
            Files.createDirectories(sentFile.getParent());
            Files.writeString(sentFile, Integer.toString(sent), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("AIHUB-DEMO-0009 cannot write {}: {}", sentFile, e.getMessage());
        }
    }

    /** The events of {@code kind} ({@code accounts} or {@code tickets}) for the simulated portal. */
    static java.util.function.IntFunction<io.aihub.simulators.portal.PortalEvent> portalEvents(String kind, long seed) {
        return switch (kind.trim()) {
            case "accounts" -> new PortalEventGenerator(seed)::event;
            case "tickets" -> new TicketGenerator(seed)::event;
            default -> throw new IllegalArgumentException("aihub.simulators.portal.kind must be accounts or tickets");
        };
    }

    /**
     * Records an edit of {@code accounts} accounts for the next start of the simulator.
     *
     * @return the journal file
     */
    public static Path recordEdit(Path dataDir, int accounts) throws IOException {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1");
        }
        Path journal = journal(dataDir);
        Files.createDirectories(journal.getParent());
        long seed = readJournal(journal).size() + 1L;
        Files.writeString(journal, accounts + " " + seed + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return journal;
    }

    private static Path journal(Path dataDir) {
        return dataDir.resolve("simulators").resolve("salesforce-edits.txt");
    }

    private record EditEntry(int accounts, long seed) {
    }

    private static List<EditEntry> readJournal(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        return Files.readAllLines(journal, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty()).map(l -> l.split("\\s+"))
                .map(p -> new EditEntry(Integer.parseInt(p[0]), Long.parseLong(p[1]))).toList();
    }

    /** The Salesforce simulator, or null when no connector refers to it. */
    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    /** The Dataverse simulator, or null when no connector refers to it. */
    public DataverseSimulator dataverse() {
        return dataverse;
    }

    /**
     * A connector setting with {@code simulator:<name>} replaced by that simulator's URL; any other value as it
     * is.
     */
    public String resolve(String value) {
        if (value == null || !value.startsWith(PLACEHOLDER_PREFIX)) {
            return value;
        }
        String rest = value.substring(PLACEHOLDER_PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String url = urls.get(name);
        return url == null ? value : url + (slash < 0 ? "" : rest.substring(slash));
    }

    @Override
    public void close() {
        if (salesforce != null) {
            salesforce.close();
        }
        if (dataverse != null) {
            dataverse.close();
        }
        if (sap != null) {
            sap.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    /** The chat simulator, or null when no model URL refers to it. */
    public OpenAiChatSimulator chat() {
        return chat;
    }

    /** The SAP OData simulator, or null when no connector refers to it. */
    public SapODataSimulator sap() {
        return sap;
    }
}
