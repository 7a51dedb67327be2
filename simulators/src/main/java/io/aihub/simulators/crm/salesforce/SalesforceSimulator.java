package io.aihub.simulators.crm.salesforce;

import com.sun.net.httpserver.HttpServer;
import io.aihub.simulators.hostile.HostileBodies;
import io.aihub.simulators.hostile.HostileBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Salesforce org on 127.0.0.1 speaking the REST API: OAuth 2.0 client credentials and JWT bearer
 * ({@code /services/oauth2/token}), SOQL queries with query locators ({@code /services/data/vNN.0/query},
 * and {@code queryAll} that also returns deleted records) and sObject Collections updates
 * ({@code PATCH /services/data/vNN.0/composite/sobjects}), seeded with {@link AccountGenerator} accounts.
 *
 * <p>As in Salesforce, a successful API write sets {@code LastModifiedById} to the token's user (the
 * {@link #INTEGRATION_USER_ID}) and bumps {@code SystemModstamp}; stamps come from a logical millisecond
 * clock that starts after the seeded data, so every change is strictly later than everything before it.
 * Deleted accounts stay in the recycle bin with {@code IsDeleted = true}.
 *
 * <p>Lifecycle: {@link #start} (idempotent), then any calls from any thread, then {@link #close}
 * (idempotent). A closed simulator cannot be restarted.
 */
public final class SalesforceSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSimulator.class);

    /** The newest API version served; {@code v50.0} to this one are accepted. */
    public static final String API_VERSION = "v62.0";
    /** The simulated org's id. */
    public static final String ORG_ID = SalesforceIds.of("00D", "5g0", 1);
    /** The user API tokens are issued to: every write through the API is stamped with this id. */
    public static final String INTEGRATION_USER_ID = SalesforceIds.of("005", "5g0", 2);
    /** The human user {@link #modifyAccounts} edits as; the seeded data was loaded by user 1. */
    public static final String HUMAN_USER_ID = SalesforceIds.of("005", "5g0", 3);
    /** The integration user's username; JWT bearer assertions for it get tokens of {@link #INTEGRATION_USER_ID}. */
    public static final String INTEGRATION_USERNAME = "integration@aihub.example";
    /** The audience JWT bearer assertions must name unless {@link Builder#jwtAudience} says otherwise. */
    public static final String DEFAULT_JWT_AUDIENCE = "https://login.salesforce.com";

    /**
     * One record accepted by a composite update.
     *
     * @param recordId the 18-character record id
     * @param fields   the fields written, with the values as stored
     * @param at       the record's new {@code SystemModstamp}
     */
    public record WriteEvent(String recordId, Map<String, Object> fields, Instant at) {
        public WriteEvent {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(at, "at");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    private final Builder settings;
    private final AccountStore store;
    private final AccessTokenStore tokens;
    private final ApiUsageCounter usage;
    private final FaultInjector faults = new FaultInjector();
    private final HostileBodies hostile = new HostileBodies();
    private final Map<String, PoisonKind> poisoned = new ConcurrentHashMap<>();
    private HttpServer server;
    private volatile String baseUrl;
    private ExecutorService executor;
    private boolean closed;

    private SalesforceSimulator(Builder settings) {
        this.settings = settings;
        this.store = new AccountStore(new AccountGenerator(settings.seed).generate(settings.accounts));
        this.tokens = new AccessTokenStore(settings.tokenTtl, Clock.systemUTC(), ORG_ID);
        this.usage = new ApiUsageCounter(settings.dailyApiLimit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 and starts serving; does nothing when already started. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the Salesforce simulator was closed and cannot be restarted");
        }
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Salesforce simulator to port " + settings.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "salesforce-sim-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Clock clock = Clock.systemUTC();
        JwtBearerVerifier jwtBearer = new JwtBearerVerifier(settings.jwtKey, settings.clientId,
                Set.of(settings.jwtAudience), Map.of(INTEGRATION_USERNAME, INTEGRATION_USER_ID), clock);
        OAuthTokenHandler oauth = new OAuthTokenHandler(settings.clientId, settings.clientSecret, ORG_ID,
                INTEGRATION_USER_ID, tokens, clock, this::baseUrl, jwtBearer);
        QueryHandler queries = new QueryHandler(store, new QueryCursorStore(clock),
                id -> Optional.ofNullable(poisoned.get(id)));
        server.createContext("/", new SalesforceHttpRouter(oauth, queries, new CompositeWriteHandler(store),
                tokens, usage, faults, hostile));
        server.setExecutor(executor);
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        server.start();
        LOG.info("AIHUB-SIM-0001 Salesforce simulator started on {} with {} accounts", baseUrl(),
                settings.accounts);
    }

    /** {@code http://127.0.0.1:<port>}, the login URL and instance URL alike. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("the Salesforce simulator is not started");
        }
        return url;
    }

    /** The ids of the accounts not deleted. */
    public Set<String> accountIds() {
        return store.liveIds();
    }

    /** The ids of the deleted accounts (in the recycle bin). */
    public Set<String> deletedAccountIds() {
        return store.deletedIds();
    }

    /**
     * A copy of an account's current fields as the API would return them, including written-back fields;
     * deleted accounts are still found.
     *
     * @throws IllegalArgumentException when no account has this id
     */
    public Map<String, Object> account(String id) {
        return store.wireCopy(id);
    }

    /**
     * A human user edits {@code n} distinct accounts chosen by {@code seed}: a business field changes,
     * {@code SystemModstamp} and {@code LastModifiedDate} move to the simulator clock and
     * {@code LastModifiedById} becomes {@link #HUMAN_USER_ID}.
     *
     * @return the edited ids, in edit order
     */
    public List<String> modifyAccounts(int n, long seed) {
        return store.modify(n, seed, HUMAN_USER_ID);
    }

    /**
     * A human user inserts {@code n} new accounts in one transaction: fields generated with {@code seed},
     * ids continuing after every account created so far, and one shared new {@code SystemModstamp} (as after
     * a bulk load), with {@code LastModifiedById} = {@link #HUMAN_USER_ID}.
     *
     * @return the new ids, in insertion order
     */
    public List<String> insertAccounts(int n, long seed) {
        return store.insert(n, new AccountGenerator(seed), HUMAN_USER_ID);
    }

    /**
     * Inserts {@code n} accounts like {@link #insertAccounts(int, long)}, with one field's value shifted as the
     * API shows it (e.g. {@code Days_Since_Last_Login__c} plus 60): a population drifting away from the one the
     * model was trained on. The hidden churn outcome is drawn from the unshifted account.
     *
     * @return the new ids, in insertion order
     */
    public List<String> insertShiftedAccounts(int n, long seed, String field, DoubleUnaryOperator shift) {
        return store.insert(n, new AccountGenerator(seed).withShift(field, shift), HUMAN_USER_ID);
    }

    /**
     * The outcome process records whether each live account churned ({@code Churned__c}, the generator's hidden
     * truth) and when ({@code Churn_Date__c}), for every account without a recorded outcome. Each such record is
     * stamped as changed by {@link #HUMAN_USER_ID}, so incremental queries read it again.
     *
     * @return the recorded outcomes: account id to whether it churned
     */
    public Map<String, Boolean> recordChurnOutcomes() {
        return store.recordOutcomes(HUMAN_USER_ID);
    }

    /**
     * Whether the account churns in truth (what {@link #recordChurnOutcomes} will record for it).
     *
     * @throws IllegalArgumentException when no account has this id
     */
    public boolean churns(String id) {
        return store.churns(id);
    }

    /**
     * A human user sets fields of one account, e.g. contact details ({@code Email__c}, {@code Phone}) or a value of
     * the wrong type; {@code SystemModstamp} moves and {@code LastModifiedById} becomes {@link #HUMAN_USER_ID}.
     *
     * @throws IllegalArgumentException when no live account has this id, or a field is not an editable one
     */
    public void editAccount(String id, Map<String, Object> fields) {
        store.edit(id, fields, HUMAN_USER_ID);
    }

    /** Every record accepted by a composite update so far, in order. */
    public List<WriteEvent> writeLog() {
        return store.writeLog();
    }

    /** Invalidates every issued token: the next data call with one gets 401 {@code INVALID_SESSION_ID}. */
    public void expireTokens() {
        tokens.revokeAll();
    }

    /** Authenticated data API requests so far; the value reported in {@code Sforce-Limit-Info}. */
    public long apiCallCount() {
        return usage.used();
    }

    /**
     * A human user deletes an account (soft delete, like the recycle bin): {@code IsDeleted} becomes true and
     * {@code SystemModstamp} moves to the simulator clock; {@code query} skips it, {@code queryAll} returns it,
     * and writes to it fail with {@code ENTITY_IS_DELETED}.
     */
    public void deleteAccount(String id) {
        store.delete(id, HUMAN_USER_ID);
    }

    /** The next {@code n} data API requests fail with {@code status} (e.g. 503) after authentication. */
    public void failNextRequests(int n, int status) {
        faults.failNext(n, status);
    }

    /**
     * Every later query serves the account {@code id} spoiled as {@code kind} says, written raw on the wire
     * (a wrong JSON type, a missing field, 10,000-deep nesting, a 50 MB string, invalid UTF-8 or a bare NaN),
     * until {@link #clearPoison}. The stored account is unchanged.
     *
     * @throws IllegalArgumentException when no account has this id
     */
    public void poison(String id, PoisonKind kind) {
        Objects.requireNonNull(kind, "kind");
        store.wireCopy(id);
        poisoned.put(id, kind);
    }

    /** Serves every account sound again. */
    public void clearPoison() {
        poisoned.clear();
    }

    /**
     * The next query request ({@code /query}, {@code /queryAll} or a next-records URL) is answered 200 with
     * {@code kind}'s hostile body instead of its page (once); see {@link HostileBodies}.
     */
    public void answerNextQueryWith(HostileBody kind) {
        hostile.answerNextWith(kind);
    }

    /** How many body bytes the last hostile answer sent before it ended or the client stopped reading. */
    public long lastHostileBytesSent() {
        return hostile.lastBytesSent();
    }

    /** The next {@code n} data API requests are held for {@code delay} before being answered. */
    public void delayNextRequests(int n, Duration delay) {
        faults.delayNext(n, delay);
    }

    /**
     * Every later write to {@code recordId} fails with this per-record status code (e.g.
     * {@code UNABLE_TO_LOCK_ROW}, {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}) until {@link #clearWriteFailures}.
     */
    public void failWrites(String recordId, String statusCode, String message) {
        store.injectError(recordId, RecordError.of(statusCode, message));
    }

    public void clearWriteFailures() {
        store.clearInjectedErrors();
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
            LOG.info("AIHUB-SIM-0002 Salesforce simulator on {} stopped", baseUrl);
        }
    }

    /** Settings of a simulator; every setting has a default. */
    public static final class Builder {
        private int accounts = 5000;
        private long seed = 42L;
        private int port;
        private String clientId = "aihub-demo";
        private String clientSecret = "demo-secret";
        private Duration tokenTtl = Duration.ofHours(2);
        private long dailyApiLimit = 15_000;
        private PublicKey jwtKey;
        private String jwtAudience = DEFAULT_JWT_AUDIENCE;

        private Builder() {
        }

        /**
         * The certificate uploaded to the connected app: JWT bearer assertions must be RS256-signed with its
         * private key. Without one, every assertion is refused ({@code invalid assertion}).
         */
        public Builder jwtCertificate(X509Certificate certificate) {
            return jwtCertificate(Objects.requireNonNull(certificate, "certificate").getPublicKey());
        }

        /** The public key of the connected app's certificate; see {@link #jwtCertificate(X509Certificate)}. */
        public Builder jwtCertificate(PublicKey key) {
            if (!"RSA".equals(Objects.requireNonNull(key, "key").getAlgorithm())) {
                throw new IllegalArgumentException("the JWT bearer flow needs an RSA key, not " + key.getAlgorithm());
            }
            this.jwtKey = key;
            return this;
        }

        /** The {@code aud} JWT bearer assertions must name (default {@code https://login.salesforce.com}). */
        public Builder jwtAudience(String value) {
            this.jwtAudience = requireText(value, "jwtAudience");
            return this;
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

        public Builder clientId(String value) {
            this.clientId = requireText(value, "clientId");
            return this;
        }

        public Builder clientSecret(String value) {
            this.clientSecret = requireText(value, "clientSecret");
            return this;
        }

        /** How long an access token stays valid (default 2 h); zero makes every token invalid at once. */
        public Builder tokenTtl(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("tokenTtl must not be negative");
            }
            this.tokenTtl = value;
            return this;
        }

        /** The daily API request limit (default 15000); further requests get 403 REQUEST_LIMIT_EXCEEDED. */
        public Builder dailyApiLimit(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("dailyApiLimit must be positive");
            }
            this.dailyApiLimit = value;
            return this;
        }

        public SalesforceSimulator build() {
            return new SalesforceSimulator(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
