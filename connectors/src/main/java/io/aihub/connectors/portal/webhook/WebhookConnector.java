package io.aihub.connectors.portal.webhook;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.error.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@value #TYPE} connector: declares the keys of a webhook endpoint and builds a {@link WebhookEndpoint}
 * (verifier, parser, de-duplicator) from them. It is a push source, so it does not create a polling
 * {@link io.aihub.api.source.SourceTask}; the hub's {@code POST /webhooks/<route-id>} endpoint calls it.
 *
 * <p>Secrets are configuration values the hub fills from the environment ({@code {{env:...}}}); they are
 * declared {@link ConfigType#PASSWORD} and never logged or quoted in error messages.
 */
public final class WebhookConnector {

    public static final String TYPE = "webhook";

    public static final String SCHEME = "scheme";
    public static final String SECRET = "secret";
    public static final String PREVIOUS_SECRET = "previousSecret";
    public static final String TOLERANCE = "tolerance";
    public static final String SYSTEM = "system";
    public static final String ENTITY = "entity";
    public static final String RECORD_ID_PATH = "recordIdPath";
    public static final String VERSION_PATH = "versionPath";
    public static final String FIELDS_PATH = "fieldsPath";
    public static final String MAX_BODY_BYTES = "maxBodyBytes";
    public static final String DEDUPE_WINDOW = "dedupeWindow";
    public static final String DEDUPE_MAX_ENTRIES = "dedupeMaxEntries";
    public static final String RATE_LIMIT = "rateLimit";
    public static final String RATE_BURST = "rateBurst";
    public static final String CLIENT_HEADER = "clientHeader";

    /** The default and the largest accepted {@value #MAX_BODY_BYTES}. */
    static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public String type() {
        return TYPE;
    }

    /** Every key of a webhook endpoint, with its default and documentation. */
    public ConfigDef config() {
        return new ConfigDef()
                .define(SCHEME, ConfigType.STRING, null, "How the sender signs: standard-webhooks, stripe, github"
                        + " or shopify.", value -> WebhookScheme.fromConfigValue((String) value).isPresent() ? null
                                : "must be standard-webhooks, stripe, github or shopify")
                .define(SECRET, ConfigType.PASSWORD, null, "The current signing secret (standard-webhooks:"
                        + " whsec_<base64>, at least 24 bytes; otherwise the secret text as the sender shows it).")
                .define(PREVIOUS_SECRET, ConfigType.PASSWORD, "", "During a rotation, the secret being replaced;"
                        + " requests signed with either secret are accepted. Empty when not rotating.")
                .define(TOLERANCE, ConfigType.DURATION, "300s", "standard-webhooks and stripe: how far the signed"
                        + " timestamp may be from now, in either direction (whole seconds, at least 1s).",
                        value -> ((Duration) value).toSeconds() >= 1 ? null : "must be at least 1s")
                .define(SYSTEM, ConfigType.STRING, "portal", "The system name records carry (SourceRecord.system).",
                        nonBlank())
                .define(ENTITY, ConfigType.STRING, "Account", "The entity records carry (SourceRecord.entity).",
                        nonBlank())
                .define(RECORD_ID_PATH, ConfigType.STRING, "", "JSON Pointer to the record id in the payload (the"
                        + " body, or a CloudEvent's data), e.g. /data/object/id; empty for the scheme's default.",
                        path())
                .define(VERSION_PATH, ConfigType.STRING, "", "JSON Pointer to the record version in the payload;"
                        + " empty to use the event id (every event is a new version).", path())
                .define(FIELDS_PATH, ConfigType.STRING, "", "JSON Pointer to the object whose members become the"
                        + " record fields, / for the whole payload; empty for the scheme's default.", path())
                .define(MAX_BODY_BYTES, ConfigType.LONG, String.valueOf(DEFAULT_MAX_BODY_BYTES), "The largest body"
                        + " accepted, in bytes (1 MiB by default, at most 16 MiB); larger requests get 413.",
                        ConfigKey.between(1, WebhookJson.MAX_DOCUMENT_BYTES))
                .define(DEDUPE_WINDOW, ConfigType.DURATION, "24h", "How long the in-memory de-duplicator"
                        + " remembers an accepted delivery id (the broker's duplicate-id cache is the guarantee).",
                        value -> ((Duration) value).toSeconds() >= 1 ? null : "must be at least 1s")
                .define(DEDUPE_MAX_ENTRIES, ConfigType.INT, "100000", "How many delivery ids the in-memory"
                        + " de-duplicator holds at most; the oldest are forgotten first.", ConfigKey.atLeast(1))
                .define(RATE_LIMIT, ConfigType.INT, "100", "Requests per second one client may send on average"
                        + " (token bucket per client); more get 429 with Retry-After, before the body is read. 0 turns"
                        + " the limit off.", ConfigKey.atLeast(0))
                .define(RATE_BURST, ConfigType.INT, "200", "Requests one client may send at once before "
                        + RATE_LIMIT + " applies.", ConfigKey.atLeast(1))
                .define(CLIENT_HEADER, ConfigType.STRING, "", "The request header naming the client for the rate"
                        + " limit (e.g. X-Forwarded-For behind a trusted proxy: its first value); empty for the"
                        + " remote address. Only set it when a proxy you run overwrites the header.");
    }

    /**
     * Validates every key at once and builds the endpoint, on the system clock.
     *
     * @throws ConfigException listing every problem (secrets are never quoted)
     */
    public WebhookEndpoint createEndpoint(String instanceName, Map<String, String> config) {
        return createEndpoint(instanceName, config, Clock.systemUTC());
    }

    /** As {@link #createEndpoint(String, Map)}, with the clock for timestamps and de-duplication. */
    public WebhookEndpoint createEndpoint(String instanceName, Map<String, String> config, Clock clock) {
        String subject = "webhook connector '" + instanceName + "'";
        List<String> problems = new ArrayList<>();
        ConfigDef.Config parsed = null;
        try {
            parsed = config().parse(subject, config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(secretProblems(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        WebhookScheme scheme = WebhookScheme.fromConfigValue(parsed.getString(SCHEME)).orElseThrow();
        WebhookVerifier verifier = WebhookVerifier.builder(scheme)
                .secret(parsed.getString(SECRET))
                .previousSecret(parsed.getString(PREVIOUS_SECRET))
                .tolerance(parsed.getDuration(TOLERANCE))
                .clock(clock)
                .build();
        WebhookEventParser parser = new WebhookEventParser(instanceName, scheme, parsed.getString(SYSTEM),
                parsed.getString(ENTITY), parsed.getString(RECORD_ID_PATH), parsed.getString(VERSION_PATH),
                parsed.getString(FIELDS_PATH));
        DeliveryDeduplicator deduplicator = new InMemoryDeliveryDeduplicator(parsed.getInt(DEDUPE_MAX_ENTRIES),
                parsed.getDuration(DEDUPE_WINDOW), clock);
        ClientRateLimiter rateLimiter = new ClientRateLimiter(parsed.getInt(RATE_LIMIT), parsed.getInt(RATE_BURST),
                ClientRateLimiter.DEFAULT_MAX_CLIENTS, clock);
        return new WebhookEndpoint(instanceName, verifier, parser, parsed.getLong(MAX_BODY_BYTES), deduplicator,
                rateLimiter, parsed.getString(CLIENT_HEADER).strip());
    }

    /** The secrets' form for the configured scheme, checked only when the scheme itself is valid. */
    private static List<String> secretProblems(Map<String, String> raw) {
        List<String> problems = new ArrayList<>();
        String schemeText = raw.getOrDefault(SCHEME, "");
        WebhookScheme scheme = WebhookScheme.fromConfigValue(schemeText == null ? "" : schemeText.trim()).orElse(null);
        if (scheme == null) {
            return problems;
        }
        for (String key : List.of(SECRET, PREVIOUS_SECRET)) {
            String value = raw.get(key);
            if (value != null && !value.isBlank()) {
                check(() -> WebhookSecrets.keyBytes(scheme, value),
                        why -> problems.add("key '" + key + "' " + why + " for scheme " + scheme.configValue()));
            }
        }
        return problems;
    }

    private static void check(Runnable check, Consumer<String> problem) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problem.accept(e.getMessage());
        }
    }

    private static ConfigKey.Validator path() {
        return value -> {
            try {
                WebhookEventParser.pointer((String) value);
                return null;
            } catch (IllegalArgumentException e) {
                return "must be a JSON Pointer such as /data/object/id (or / for the whole payload)";
            }
        };
    }

    private static ConfigKey.Validator nonBlank() {
        return value -> ((String) value).isBlank() ? "must not be blank" : null;
    }
}
