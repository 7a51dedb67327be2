package io.aihub.simulators.erp.sap;

import com.sun.net.httpserver.HttpServer;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.hostile.HostileBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SAP S/4HANA system on 127.0.0.1 speaking OData v2 JSON for two services:
 * {@code /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner} (seeded from {@link AccountGenerator}
 * accounts, the churn features as {@code YY1_..._bus} extension fields, see {@link #PARTNER_FEATURES}) and
 * {@code /sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder}.
 *
 * <p>As in SAP Gateway: basic authentication (or a bearer token), CSRF tokens bound to the
 * {@code SAP_SESSIONID_S4H_100} session cookie, ETags in {@code __metadata.etag} and the {@code ETag} header,
 * If-Match required on writes (428 without, 412 when stale), and errors as SAP's error JSON. Every change
 * (API write, {@link #modifyPartners}, {@link #insertPartners}) stamps {@code LastChangeDateTime} from a
 * deterministic clock one millisecond after the previous change, which also changes the ETag. Server-side
 * paging ({@code __next} with an offset {@code $skiptoken}) is on for a service when its server page size is
 * positive ({@link #setServerPageSize}); otherwise the service returns everything a query asks for, and clients
 * page with {@code $top}/{@code $skip}.
 *
 * <p>Lifecycle: {@link #start} (idempotent), then any calls from any thread, then {@link #close}
 * (idempotent). A closed simulator cannot be restarted.
 */
public final class SapODataSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SapODataSimulator.class);

    /** The SAP user API writes are made as; {@code LastChangedByUser} of every record the API changed. */
    public static final String INTEGRATION_USER = "AIHUB_INTEGRATION";
    /** The user the seeded data was loaded as. */
    public static final String DATA_LOAD_USER = "DATA_MIGRATION";
    /** The user {@link #modifyPartners}, {@link #insertPartners} and concurrent edits act as. */
    public static final String HUMAN_USER = "JSMITH";

    /** The churn features of the partners: the Salesforce field the churn model knows to its SAP property. */
    public static final Map<String, String> PARTNER_FEATURES = Collections.unmodifiableMap(new LinkedHashMap<>(
            Map.of("Days_Since_Last_Login__c", "YY1_DaysSinceLastLogin_bus",
                    "Support_Cases_90d__c", "YY1_SupportCases90d_bus",
                    "Tenure_Months__c", "YY1_TenureMonths_bus",
                    "NPS__c", "YY1_NPS_bus",
                    "Plan__c", "YY1_Plan_bus",
                    "Monthly_Spend__c", "YY1_MonthlySpend_bus")));

    /**
     * One record changed by an API write.
     *
     * @param service the service written to
     * @param key     the record's key
     * @param fields  the fields written, as stored (String, Integer, BigDecimal or null)
     * @param etag    the record's ETag after the write
     */
    public record WriteEvent(SapService service, String key, Map<String, Object> fields, String etag) {
        public WriteEvent {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(key, "key");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Request counters and the write log, shared with the handler. */
    static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong queries = new AtomicLong();
        final AtomicLong unauthorized = new AtomicLong();
        final AtomicLong csrfRejections = new AtomicLong();
        final AtomicLong preconditionFailed = new AtomicLong();
        final AtomicLong preconditionRequired = new AtomicLong();
        private final List<WriteEvent> writes = new ArrayList<>();

        synchronized void recordWrite(SapService service, String key, Map<String, Object> fields,
                Map<String, Object> after) {
            writes.add(new WriteEvent(service, key, fields, EntityTable.etag(after)));
        }

        synchronized List<WriteEvent> writes() {
            return List.copyOf(writes);
        }
    }

    private final Builder settings;
    private final SapClock clock;
    private final Map<SapService, EntityTable> tables = new EnumMap<>(SapService.class);
    private final Map<SapService, AtomicInteger> serverPageSizes = new EnumMap<>(SapService.class);
    private final Counters counters = new Counters();
    private final SapFaults faults = new SapFaults();
    private final CsrfSessions csrf = new CsrfSessions();
    private int partnersCreated;
    private HttpServer server;
    private ExecutorService executor;
    private volatile String baseUrl;
    private boolean closed;

    private SapODataSimulator(Builder settings) {
        this.settings = settings;
        Instant latest = AccountGenerator.BASE_TIME;
        List<Map<String, Object>> partnerRows = new ArrayList<>(settings.partners);
        AccountGenerator generator = new AccountGenerator(settings.seed);
        for (int i = 0; i < settings.partners; i++) {
            partnerRows.add(PartnerRows.row(generator.account(i), i, DATA_LOAD_USER));
        }
        partnersCreated = settings.partners;
        List<Map<String, Object>> orderRows = new ArrayList<>(settings.salesOrders);
        for (int i = 0; i < settings.salesOrders; i++) {
            orderRows.add(SalesOrderRows.row(settings.seed, i, settings.partners, DATA_LOAD_USER));
        }
        for (Map<String, Object> row : partnerRows) {
            latest = max(latest, (Instant) row.get(EntityTable.STAMP));
        }
        for (Map<String, Object> row : orderRows) {
            latest = max(latest, (Instant) row.get(EntityTable.STAMP));
        }
        this.clock = new SapClock(latest.plusSeconds(60));
        EntityTable partners = new EntityTable(SapService.BUSINESS_PARTNER, clock);
        partnerRows.forEach(partners::put);
        EntityTable orders = new EntityTable(SapService.SALES_ORDER, clock);
        orderRows.forEach(orders::put);
        tables.put(SapService.BUSINESS_PARTNER, partners);
        tables.put(SapService.SALES_ORDER, orders);
        serverPageSizes.put(SapService.BUSINESS_PARTNER, new AtomicInteger(settings.partnerServerPageSize));
        serverPageSizes.put(SapService.SALES_ORDER, new AtomicInteger(settings.salesOrderServerPageSize));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 and starts serving; does nothing when already started. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the SAP simulator was closed and cannot be restarted");
        }
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the SAP simulator to port " + settings.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sap-sim-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<SapService, IntSupplier> pageSizes = new EnumMap<>(SapService.class);
        serverPageSizes.forEach((service, size) -> pageSizes.put(service, size::get));
        SapODataHandler.Credentials credentials = new SapODataHandler.Credentials(settings.username,
                settings.password, settings.bearerToken, INTEGRATION_USER);
        server.createContext("/", new SapODataHandler(tables, pageSizes, counters, faults, csrf, this::baseUrl,
                credentials, settings.requireIfMatch, this::editByAnotherUser));
        server.setExecutor(executor);
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        server.start();
        LOG.info("AIHUB-SIM-0111 SAP OData simulator started on {} with {} business partners and {} sales orders",
                baseUrl, settings.partners, settings.salesOrders);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("the SAP simulator is not started");
        }
        return url;
    }

    /** The service root URL, e.g. {@code http://127.0.0.1:4711/sap/opu/odata/sap/API_BUSINESS_PARTNER}. */
    public String serviceUrl(SapService service) {
        return baseUrl() + service.rootPath();
    }

    /** The keys of the records of a service's entity set. */
    public Set<String> keys(SapService service) {
        return tables.get(service).keys();
    }

    /** The business partner keys, e.g. {@code 1000042}. */
    public Set<String> partnerKeys() {
        return keys(SapService.BUSINESS_PARTNER);
    }

    /**
     * A copy of a record's current values, typed as stored: String, Integer, BigDecimal, Instant or null.
     *
     * @throws IllegalArgumentException when no record has this key
     */
    public Map<String, Object> record(SapService service, String key) {
        Map<String, Object> row = tables.get(service).get(key);
        if (row == null) {
            throw new IllegalArgumentException("no such " + service.entitySet() + ": " + key);
        }
        return row;
    }

    /** A copy of a business partner's current values; see {@link #record}. */
    public Map<String, Object> partner(String key) {
        return record(SapService.BUSINESS_PARTNER, key);
    }

    /** The record's current ETag, as {@code __metadata.etag} and the {@code ETag} header show it. */
    public String etag(SapService service, String key) {
        return EntityTable.etag(record(service, key));
    }

    /**
     * A person ({@link #HUMAN_USER}) edits {@code n} distinct business partners chosen by {@code seed}: one
     * more support case, a recent login; each gets a new stamp and ETag.
     *
     * @return the edited keys, in edit order
     */
    public List<String> modifyPartners(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5A5A5A5AL);
        return tables.get(SapService.BUSINESS_PARTNER).editMany(n, seed, HUMAN_USER,
                row -> PartnerRows.edit(row, rnd.nextInt(3)));
    }

    /**
     * A person inserts {@code n} business partners in one transaction: fields from an
     * {@link AccountGenerator} with {@code seed}, keys continuing after every partner created so far, and one
     * shared new {@code LastChangeDateTime} (as after a mass load).
     *
     * @return the new keys, in insertion order
     */
    public synchronized List<String> insertPartners(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("can insert 0 or more partners, not " + n);
        }
        AccountGenerator generator = new AccountGenerator(seed);
        List<Map<String, Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(PartnerRows.row(generator.account(i), partnersCreated + i, HUMAN_USER));
        }
        partnersCreated += n;
        return tables.get(SapService.BUSINESS_PARTNER).insertSharingOneStamp(rows, HUMAN_USER);
    }

    /** A person edits one record now (a business field changes), giving it a new stamp and ETag. */
    public void modify(SapService service, String key) {
        editByAnotherUser(service, key);
    }

    /**
     * The next write to this record finds it just edited by a person, after the client read it: a write
     * with the ETag read before gets 412.
     */
    public void modifyBeforeNextWrite(SapService service, String key) {
        record(service, key);
        faults.editBeforeNextWrite(service, key);
    }

    /** Deletes a record; reads and writes of it get 404, and it simply stops appearing in queries. */
    public void delete(SapService service, String key) {
        tables.get(service).delete(key);
    }

    /** Switches server-side paging: pages of {@code size} with a {@code __next} link, or none with 0. */
    public void setServerPageSize(SapService service, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        serverPageSizes.get(service).set(size);
    }

    /** Moves the change clock forward, e.g. to separate later changes from earlier ones by a gap. */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /** Ends every CSRF session: the next write with a token fetched before gets 403 {@code Required}. */
    public void expireCsrfSessions() {
        csrf.expireAll();
    }

    /**
     * While true, every write is refused with 403 "CSRF token validation failed", even with a token fetched a
     * moment ago, as behind a load balancer that sends each request to another application server.
     */
    public void refuseCsrfTokens(boolean value) {
        csrf.refuseAll(value);
    }

    /** From now on every CSRF session ends after {@code writes} accepted writes in total (0: never). */
    public void expireCsrfSessionsEvery(int writes) {
        csrf.expireEvery(writes);
    }

    /**
     * The next {@code n} authenticated requests fail with {@code status} and SAP's error body: 401
     * (logon failed), 429 (rate limit, {@code Retry-After}), 503 (service unavailable, {@code Retry-After}),
     * any other 4xx/5xx as a generic error.
     */
    public void failNextRequests(int n, int status) {
        faults.failNext(n, status);
    }

    /**
     * The next GET of an entity set or entity (not the service document, once) is answered 200 with
     * {@code kind}'s hostile body instead; see {@link io.aihub.simulators.hostile.HostileBodies}.
     */
    public void answerNextQueryWith(HostileBody kind) {
        faults.hostile.answerNextWith(kind);
    }

    /** How many body bytes the last hostile answer sent before it ended or the client stopped reading. */
    public long lastHostileBytesSent() {
        return faults.hostile.lastBytesSent();
    }

    /** The next {@code n} authenticated requests are held for {@code delay} before being answered. */
    public void delayNextRequests(int n, Duration delay) {
        faults.delayNext(n, delay);
    }

    /** Authenticated requests so far, counted on arrival (before any injected delay or failure). */
    public long requestCount() {
        return counters.requests.get();
    }

    /** Entity set queries (collection GETs) so far. */
    public long queryCount() {
        return counters.queries.get();
    }

    /** Requests refused with 401 so far. */
    public long unauthorizedCount() {
        return counters.unauthorized.get();
    }

    /** Writes refused with 403 "CSRF token validation failed" so far. */
    public long csrfRejectionCount() {
        return counters.csrfRejections.get();
    }

    /** Writes refused with 412 (stale If-Match) so far. */
    public long preconditionFailedCount() {
        return counters.preconditionFailed.get();
    }

    /** Writes refused with 428 (no If-Match) so far. */
    public long preconditionRequiredCount() {
        return counters.preconditionRequired.get();
    }

    /** Every write accepted so far, in order. */
    public List<WriteEvent> writeLog() {
        return counters.writes();
    }

    /** Stops the server; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            LOG.info("AIHUB-SIM-0112 SAP OData simulator on {} stopped", baseUrl);
        }
    }

    private void editByAnotherUser(SapService service, String key) {
        if (service == SapService.BUSINESS_PARTNER) {
            tables.get(service).edit(key, HUMAN_USER, row -> PartnerRows.edit(row, 0));
        } else {
            tables.get(service).edit(key, HUMAN_USER, row -> row.put("OverallSDProcessStatus", "B"));
        }
    }

    /** Settings of a simulator; every setting has a default. */
    public static final class Builder {
        private int partners = 1000;
        private int salesOrders = 500;
        private long seed = 42L;
        private int port;
        private String username = INTEGRATION_USER;
        private String password = "demo-password";
        private String bearerToken = "demo-bearer-token";
        private boolean requireIfMatch = true;
        private int partnerServerPageSize = 500;
        private int salesOrderServerPageSize;

        private Builder() {
        }

        /** How many business partners to seed (default 1000). */
        public Builder partners(int count) {
            this.partners = nonNegative(count, "partners");
            return this;
        }

        /** How many sales orders to seed (default 500). */
        public Builder salesOrders(int count) {
            this.salesOrders = nonNegative(count, "salesOrders");
            return this;
        }

        /** The generator seed (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535");
            }
            this.port = value;
            return this;
        }

        /** The basic authentication user (default {@link #INTEGRATION_USER}). */
        public Builder username(String value) {
            this.username = requireText(value, "username");
            return this;
        }

        /** The basic authentication password (default {@code demo-password}). */
        public Builder password(String value) {
            this.password = requireText(value, "password");
            return this;
        }

        /** The bearer token accepted as the integration user (default {@code demo-bearer-token}). */
        public Builder bearerToken(String value) {
            this.bearerToken = requireText(value, "bearerToken");
            return this;
        }

        /** Whether writes without If-Match get 428 (default true, as for services with ETags). */
        public Builder requireIfMatch(boolean value) {
            this.requireIfMatch = value;
            return this;
        }

        /** Server page size of {@code A_BusinessPartner} (default 500; 0: no server paging). */
        public Builder partnerServerPageSize(int value) {
            this.partnerServerPageSize = nonNegative(value, "partnerServerPageSize");
            return this;
        }

        /** Server page size of {@code A_SalesOrder} (default 0: no server paging, clients use $top/$skip). */
        public Builder salesOrderServerPageSize(int value) {
            this.salesOrderServerPageSize = nonNegative(value, "salesOrderServerPageSize");
            return this;
        }

        public SapODataSimulator build() {
            return new SapODataSimulator(this);
        }

        private static int nonNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
