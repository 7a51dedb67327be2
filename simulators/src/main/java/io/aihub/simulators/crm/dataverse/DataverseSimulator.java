package io.aihub.simulators.crm.dataverse;

import com.sun.net.httpserver.HttpServer;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.hostile.HostileBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Microsoft Dataverse environment on 127.0.0.1 speaking the Web API (OData v4) subset aihub uses:
 * <ul>
 *   <li>an Entra ID token endpoint ({@link #tokenUrl()}, client credentials grant, scope
 *       {@code <baseUrl>/.default}); tokens expire after {@code tokenTtl} on the simulator's clock;</li>
 *   <li>{@code GET /api/data/v9.2/accounts} with {@code $select}, {@code $filter}, {@code $orderby},
 *       {@code $count}, {@code Prefer: odata.maxpagesize=N} and an opaque {@code @odata.nextLink} whose
 *       {@code $skiptoken} carries a paging cookie (pages are evaluated on the live data, as in Dataverse);</li>
 *   <li>{@code GET} and {@code PATCH /api/data/v9.2/accounts(<id>)}: PATCH honours {@code If-Match} (412 on a
 *       stale ETag, 404 on a missing row with {@code If-Match}; without it, PATCH is an upsert that creates
 *       the row);</li>
 *   <li>{@code GET /api/data/v9.2/WhoAmI} naming the application user tokens act as
 *       ({@link #APPLICATION_USER_ID}).</li>
 * </ul>
 * The {@code accounts} table is seeded from {@link AccountGenerator}; its columns are listed in
 * {@link DataverseColumns}. Every write bumps the row's {@code versionnumber} (the ETag is
 * {@code W/"<versionnumber>"}) and {@code modifiedon}. The clock is deterministic: it moves one second per
 * write transaction and when a test calls {@link #advanceClock}; {@code modifiedon} is to the second.
 * Errors carry Dataverse's body {@code {"error":{"code":"0x...","message":".."}}}.
 *
 * <p>Lifecycle: {@link #start} (idempotent), then any calls from any thread, then {@link #close}
 * (idempotent). A closed simulator cannot be restarted.
 */
public final class DataverseSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataverseSimulator.class);

    /** The Entra ID tenant in {@link #tokenUrl()}. */
    public static final String TENANT_ID = "5f1c1a52-0a1e-4c7e-9b1d-a1b2c3d4e5f6";
    /** The application user that client-credentials tokens act as; API writes set {@code _modifiedby_value} to it. */
    public static final UUID APPLICATION_USER_ID = UUID.fromString("0a1b2c3d-0000-4000-8000-00000000a1b0");
    /** The person {@link #modifyAccounts}, {@link #modifyAccount} and {@link #insertAccounts} act as. */
    public static final UUID HUMAN_USER_ID = UUID.fromString("0a1b2c3d-0000-4000-8000-00000000a1b1");
    /** The user that loaded the seeded rows. */
    public static final UUID LOADER_USER_ID = UUID.fromString("0a1b2c3d-0000-4000-8000-00000000a1b2");
    static final UUID BUSINESS_UNIT_ID = UUID.fromString("0a1b2c3d-0000-4000-8000-0000000b0000");
    static final UUID ORGANIZATION_ID = UUID.fromString("0a1b2c3d-0000-4000-8000-0000000c0000");

    /**
     * A PATCH the simulator accepted.
     *
     * @param accountId the row written
     * @param values    the writable values the body set
     * @param ifMatch   the {@code If-Match} header sent with it, or null when there was none
     */
    public record Write(String accountId, Map<String, Object> values, String ifMatch) {
        public Write {
            Objects.requireNonNull(accountId, "accountId");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    private final Builder settings;
    private final AccountTable table;
    private final DataverseFaults faults = new DataverseFaults();
    private final DataverseTokens tokens;
    private AccountsResource accounts;
    private DataverseHttpRouter router;
    private HttpServer server;
    private volatile String baseUrl;
    private ExecutorService executor;
    private boolean closed;

    private DataverseSimulator(Builder settings) {
        this.settings = settings;
        this.table = new AccountTable(new AccountGenerator(settings.seed).generate(settings.accounts), LOADER_USER_ID);
        this.tokens = new DataverseTokens(settings.clientId, settings.clientSecret, settings.tokenTtl, table.clock());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 on an ephemeral port (or the configured one) and starts serving; idempotent. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the Dataverse simulator was closed and cannot be restarted");
        }
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Dataverse simulator to port " + settings.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "dataverse-sim-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        accounts = new AccountsResource(table, this::baseUrl, APPLICATION_USER_ID);
        router = new DataverseHttpRouter("/" + TENANT_ID + "/oauth2/v2.0/token", tokens, accounts, faults,
                this::baseUrl, APPLICATION_USER_ID);
        server.createContext("/", router);
        server.setExecutor(executor);
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        server.start();
        LOG.info("AIHUB-SIM-0101 Dataverse simulator started on {} with {} accounts", baseUrl, settings.accounts);
    }

    /** {@code http://127.0.0.1:<port>}: the organization URL (Web API under {@code /api/data/v9.2/}). */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("the Dataverse simulator is not started");
        }
        return url;
    }

    /** The Entra ID token endpoint, {@code <baseUrl>/<tenant>/oauth2/v2.0/token}. */
    public String tokenUrl() {
        return baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token";
    }

    /** The ids ({@code accountid} GUID text, lower case) of every account. */
    public Set<String> accountIds() {
        Set<String> ids = new TreeSet<>();
        table.ids().forEach(id -> ids.add(id.toString()));
        return Collections.unmodifiableSet(ids);
    }

    /**
     * A copy of an account's columns as the Web API returns them (date-times as text, GUIDs as text).
     *
     * @throws IllegalArgumentException when no account has this id
     */
    public Map<String, Object> account(String id) {
        Map<String, Object> row = table.get(UUID.fromString(id));
        if (row == null) {
            throw new IllegalArgumentException("no such account: " + id);
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        row.forEach((column, value) -> wire.put(column, ODataValues.wire(value)));
        return wire;
    }

    /** The account's current {@code @odata.etag}, {@code W/"<versionnumber>"}. */
    public String etag(String id) {
        Map<String, Object> row = table.get(UUID.fromString(id));
        if (row == null) {
            throw new IllegalArgumentException("no such account: " + id);
        }
        return AccountTable.etag(row);
    }

    /**
     * A person inserts {@code n} accounts in one transaction: fields from an {@link AccountGenerator} with
     * {@code seed}, new GUIDs, and one shared {@code modifiedon}.
     *
     * @return the new ids
     */
    public List<String> insertAccounts(int n, long seed) {
        return table.insert(n, new AccountGenerator(seed), HUMAN_USER_ID).stream().map(UUID::toString).toList();
    }

    /**
     * A person edits {@code n} distinct accounts chosen by {@code seed}, one transaction each: one more
     * support case and a recent login; the ETag and {@code modifiedon} move.
     *
     * @return the edited ids, in edit order
     */
    public List<String> modifyAccounts(int n, long seed) {
        return table.modify(n, seed, HUMAN_USER_ID).stream().map(UUID::toString).toList();
    }

    /**
     * A person edits one account's churn inputs now, e.g. between a client's read and its write-back, so a
     * write with the ETag it read gets 412.
     */
    public void modifyAccount(String id) {
        table.modify(UUID.fromString(id), HUMAN_USER_ID);
    }

    /** A person deletes an account (a hard delete: it disappears; writes to it get 404). */
    public void deleteAccount(String id) {
        table.delete(UUID.fromString(id));
    }

    /** The simulator's current time (to the second). */
    public Instant now() {
        return table.clock().now();
    }

    /** Steps the clock forward, e.g. past the token lifetime so every issued token expires. */
    public Instant advanceClock(Duration by) {
        return table.clock().advance(by);
    }

    /** Invalidates every issued token at once: the next data call with one gets 401. */
    public void expireTokens() {
        tokens.revokeAll();
    }

    /** Tokens issued so far. */
    public long tokensIssued() {
        return tokens.issuedCount();
    }

    /**
     * The next {@code n} data requests get 429 with {@code Retry-After} (whole seconds, rounded up) and
     * Dataverse's service protection body (code {@code 0x80072322}).
     */
    public void throttleNextRequests(int n, Duration retryAfter) {
        faults.throttleNext(n, retryAfter);
    }

    /** The next {@code n} data requests fail with {@code status} (e.g. 503) after authentication. */
    public void failNextRequests(int n, int status) {
        faults.failNext(n, status);
    }

    /**
     * The next query or read of accounts is answered 200 with {@code kind}'s hostile body instead (once); see
     * {@link io.aihub.simulators.hostile.HostileBodies}.
     */
    public void answerNextQueryWith(HostileBody kind) {
        faults.hostile.answerNextWith(kind);
    }

    /** How many body bytes the last hostile answer sent before it ended or the client stopped reading. */
    public long lastHostileBytesSent() {
        return faults.hostile.lastBytesSent();
    }

    /** The next {@code n} data requests are held for {@code delay} before being answered. */
    public void delayNextRequests(int n, Duration delay) {
        faults.delayNext(n, delay);
    }

    /** Authenticated data requests so far, counted on arrival (before any delay or fault). */
    public long dataRequestCount() {
        return router == null ? 0 : router.dataRequests();
    }

    /** 429 responses sent so far. */
    public long throttledCount() {
        return router == null ? 0 : router.throttledResponses();
    }

    /** 412 Precondition Failed responses sent so far (PATCH with a stale If-Match). */
    public long preconditionFailedCount() {
        return accounts == null ? 0 : accounts.preconditionFailures();
    }

    /** Every PATCH accepted so far, in order. */
    public List<Write> writeLog() {
        return accounts == null ? List.of() : accounts.writeLog().stream()
                .map(w -> new Write(w.id().toString(), w.values(), w.ifMatch())).toList();
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
            LOG.info("AIHUB-SIM-0102 Dataverse simulator on {} stopped", baseUrl);
        }
    }

    /** Settings of a simulator; every setting has a default. */
    public static final class Builder {
        private int accounts = 5000;
        private long seed = 42L;
        private int port;
        private String clientId = "aihub-demo";
        private String clientSecret = "demo-secret";
        private Duration tokenTtl = Duration.ofHours(1);

        private Builder() {
        }

        /** How many accounts to seed (default 5000). */
        public Builder accounts(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("accounts must not be negative");
            }
            this.accounts = count;
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

        /** The app registration's client id (default {@code aihub-demo}). */
        public Builder clientId(String value) {
            this.clientId = requireText(value, "clientId");
            return this;
        }

        /** The app registration's client secret (default {@code demo-secret}). */
        public Builder clientSecret(String value) {
            this.clientSecret = requireText(value, "clientSecret");
            return this;
        }

        /** How long a token stays valid on the simulator's clock (default 1 h, reported as expires_in). */
        public Builder tokenTtl(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("tokenTtl must be positive");
            }
            this.tokenTtl = value;
            return this;
        }

        public DataverseSimulator build() {
            return new DataverseSimulator(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
