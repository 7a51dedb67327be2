package io.aihub.routes.observe;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every log message of the hub that carries a stable id, {@code AIHUB-<AREA>-<NNNN>}: the id, the level it is
 * logged at, the module that logs it and its template. Operators search and alert on the ids (in JSON logs
 * they are the {@code messageId} field); an id never changes meaning, and a new message takes a new number.
 * {@code MessageCatalogueTest} fails when an id is logged but not listed here, listed but never logged, used
 * for two different messages or listed twice; {@code docs/observability.md} shows this list.
 */
public final class MessageCatalogue {

    /** The shape of an id: {@code AIHUB-}, an upper-case area, a dash and four digits. */
    public static final Pattern ID = Pattern.compile("AIHUB-[A-Z]+-[0-9]{4}");

    /** The level a message is logged at. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR
    }

    /**
     * One catalogued message.
     *
     * @param id       the stable id
     * @param level    the level it is logged at
     * @param module   the Maven module that logs it
     * @param template the message after the id, with {@code {}} placeholders
     */
    public record Entry(String id, Level level, String module, String template) {

        public Entry {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(template, "template");
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("message id must look like AIHUB-<AREA>-<NNNN>: " + id);
            }
        }

        /** The area part of the id, e.g. {@code BROKER}. */
        public String area() {
            return id.substring("AIHUB-".length(), id.lastIndexOf('-'));
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            entry("AIHUB-API-0001", Level.INFO, "routes",
                    "admin API and dashboard on http://{}:{}/ (tokens: {}; metrics {})"),
            entry("AIHUB-API-0002", Level.INFO, "routes",
                    "dead letters of route {} replayed{} for token '{}': records={} events={}"),
            entry("AIHUB-API-0003", Level.DEBUG, "routes",
                    "{} {} refused: {}"),
            entry("AIHUB-API-0004", Level.WARN, "routes",
                    "{}"),
            entry("AIHUB-API-0005", Level.WARN, "routes",
                    "live figures of model {} unavailable: {}"),
            entry("AIHUB-API-0006", Level.INFO, "routes",
                    "admin API and dashboard off (aihub.api.enabled=false)"),
            entry("AIHUB-API-0007", Level.WARN, "routes",
                    "no admin API token is configured, so /api refuses every request; make one with ./aihub "
                    + "api-token new --name <name> --role operator"),
            entry("AIHUB-API-0008", Level.WARN, "routes",
                    "{} {} failed: broker: {}"),
            entry("AIHUB-API-0009", Level.INFO, "routes",
                    "{} {} refused for token '{}': needs the {} role"),
            entry("AIHUB-API-0010", Level.WARN, "routes",
                    "shadow comparison of model {} unavailable: {}"),
            entry("AIHUB-API-0011", Level.INFO, "routes",
                    "admin API and dashboard off: no management server (camel.management.enabled)"),
            entry("AIHUB-API-0012", Level.WARN, "routes",
                    "{} {} failed: database: {}"),
            entry("AIHUB-API-0013", Level.WARN, "routes",
                    "{} {} failed: {}"),
            entry("AIHUB-BI-0003", Level.WARN, "routes",
                    "outcomes of route {}: {} record(s) hold a {} value not in the labels table; they were not "
                    + "recorded"),
            entry("AIHUB-BROKER-0001", Level.INFO, "routes",
                    "embedded broker started: data={}, acceptors={}, users={} (hub) + {}"),
            entry("AIHUB-BROKER-0002", Level.INFO, "routes",
                    "embedded broker stopped"),
            entry("AIHUB-BROKER-0003", Level.WARN, "routes",
                    "embedded broker did not stop cleanly: {}"),
            entry("AIHUB-BROKER-0004", Level.INFO, "routes",
                    "aihub.broker.password is not set: the hub user '{}' uses the generated password in {} "
                    + "(owner-only); set AIHUB_BROKER_PASSWORD in production"),
            entry("AIHUB-BROKER-0005", Level.INFO, "routes",
                    "queue {} keeps message groups in {} buckets from now on"),
            entry("AIHUB-BROKER-0010", Level.WARN, "routes",
                    "broker {} unreachable (noticed by {}: {}); polling paused, no position is committed; "
                    + "reconnecting with back-off"),
            entry("AIHUB-BROKER-0011", Level.INFO, "routes",
                    "broker {} reachable again after {} s ({} attempts); resuming"),
            entry("AIHUB-DB-0001", Level.INFO, "routes",
                    "database ready: {} (schema version {}, {} migration(s) applied)"),
            entry("AIHUB-DB-0010", Level.WARN, "routes",
                    "route runs not recorded: {}"),
            entry("AIHUB-DEMO-0001", Level.INFO, "routes",
                    "Salesforce simulator on {} with {} accounts ({} replayed edits)"),
            entry("AIHUB-DEMO-0002", Level.INFO, "routes",
                    "Dataverse simulator on {} with {} accounts"),
            entry("AIHUB-DEMO-0003", Level.INFO, "routes",
                    "simulated portal sent {} events to route {}, {} accepted"),
            entry("AIHUB-DEMO-0004", Level.WARN, "routes",
                    "simulated portal stopped: {}"),
            entry("AIHUB-DEMO-0005", Level.INFO, "routes",
                    "SAP OData simulator on {} with {} business partners and {} sales orders"),
            entry("AIHUB-DEMO-0006", Level.INFO, "routes",
                    "ERP database {} ready"),
            entry("AIHUB-DEMO-0007", Level.INFO, "routes",
                    "OpenAI-compatible chat simulator on {}"),
            entry("AIHUB-DEMO-0008", Level.WARN, "routes",
                    "cannot read {}; the simulated portal sends every event again"),
            entry("AIHUB-DEMO-0009", Level.WARN, "routes",
                    "cannot write {}: {}"),
            entry("AIHUB-DEMO-0010", Level.INFO, "routes",
                    "Salesforce simulator: churn outcomes recorded on {} accounts"),
            entry("AIHUB-DEV-0001", Level.WARN, "routes",
                    "cannot list {}: {}"),
            entry("AIHUB-DEV-0002", Level.WARN, "routes",
                    "route {} could not be stopped and removed: {}"),
            entry("AIHUB-DEV-0003", Level.WARN, "routes",
                    "dev reload check failed: {}"),
            entry("AIHUB-DRIFT-0001", Level.WARN, "routes",
                    "route {}: model {} {} drifted on {} over {} records (PSI above {})"),
            entry("AIHUB-DRIFT-0002", Level.WARN, "routes",
                    "route {}: drift window of {} records not reported: {}"),
            entry("AIHUB-DRIFT-0003", Level.INFO, "routes",
                    "route {}: model {} {} has no training bins in its model.yaml; drift is not measured for it"),
            entry("AIHUB-DV-0001", Level.INFO, "connectors",
                    "Connector '{}' got a Dataverse token for {} (valid {} s)"),
            entry("AIHUB-DV-0002", Level.INFO, "connectors",
                    "Dataverse token of connector '{}' was refused; getting a new one"),
            entry("AIHUB-DV-0003", Level.INFO, "connectors",
                    "Dataverse throttled the {} of connector '{}'; waiting {} s as Retry-After asks"),
            entry("AIHUB-DV-0004", Level.INFO, "connectors",
                    "Dataverse source '{}' starting {}"),
            entry("AIHUB-DV-0005", Level.INFO, "connectors",
                    "Dataverse source '{}' stopped"),
            entry("AIHUB-DV-0006", Level.INFO, "connectors",
                    "Dataverse sink '{}' started for {} (If-Match: {}, on 412: {})"),
            entry("AIHUB-EVENTS-0001", Level.WARN, "routes",
                    "a batch of {} event(s) was not delivered ({}); the senders are told to retry"),
            entry("AIHUB-EVENTS-0002", Level.INFO, "routes",
                    "route {} takes events from webhook connector {}"),
            entry("AIHUB-EVENTS-0003", Level.INFO, "routes",
                    "route {} takes POST {} (webhook connector {})"),
            entry("AIHUB-EVENTS-0004", Level.WARN, "routes",
                    "route {} has {} events waiting (maxPending); new ones are answered 503 until it catches up"),
            entry("AIHUB-EVENTS-0005", Level.INFO, "routes",
                    "route {} is stopping with {} event(s) waiting; they are answered 503 so their senders retry"),
            entry("AIHUB-HUB-0009", Level.WARN, "routes",
                    "closing {} failed: {}"),
            entry("AIHUB-JDBC-0001", Level.INFO, "connectors",
                    "JDBC source '{}' starting on {} table {} with lag {} {}"),
            entry("AIHUB-JDBC-0002", Level.INFO, "connectors",
                    "JDBC source '{}' stopped"),
            entry("AIHUB-JDBC-0003", Level.INFO, "connectors",
                    "JDBC sink '{}' started on {} table {} writing {}"),
            entry("AIHUB-JDBC-0004", Level.INFO, "connectors",
                    "JDBC sink '{}' stopped"),
            entry("AIHUB-MODEL-0001", Level.INFO, "model-adapter",
                    "model {} ready ({} backend, {} features from {} record fields)"),
            entry("AIHUB-MODEL-0002", Level.INFO, "routes",
                    "model {} {} loaded ({} backend, {} features)"),
            entry("AIHUB-MODEL-0010", Level.WARN, "routes",
                    "shadow {} {} gave no result for {} record(s) of a page ({})"),
            entry("AIHUB-MODEL-0011", Level.WARN, "routes",
                    "circuit of model {} {} -> {}"),
            entry("AIHUB-MODEL-0012", Level.WARN, "routes",
                    "fallback model {} {} could not score either ({})"),
            entry("AIHUB-MODEL-0101", Level.INFO, "model-adapter",
                    "loaded ONNX model {} from {} ({} features, {} labels)"),
            entry("AIHUB-MODEL-0102", Level.DEBUG, "model-adapter",
                    "model {} scored {} of {} rows in {} us"),
            entry("AIHUB-MODEL-0103", Level.INFO, "model-adapter",
                    "closed ONNX model {}"),
            entry("AIHUB-MODEL-0104", Level.WARN, "model-adapter",
                    "closing an ONNX session failed: {}"),
            entry("AIHUB-MODEL-0201", Level.INFO, "model-adapter",
                    "KServe v2 model {} at {} checked ({} features, {} labels)"),
            entry("AIHUB-MODEL-0203", Level.INFO, "model-adapter",
                    "closed remote model {} ({})"),
            entry("AIHUB-MODEL-0211", Level.INFO, "model-adapter",
                    "MLflow model {} at {}"),
            entry("AIHUB-MODEL-0221", Level.INFO, "model-adapter",
                    "TF Serving model {} at {}"),
            entry("AIHUB-MODEL-0231", Level.INFO, "model-adapter",
                    "chat model {} ({}) at {}, {} requests at once"),
            entry("AIHUB-MODEL-0301", Level.WARN, "model-adapter",
                    "circuit breaker {} {} -> OPEN; calls refused for {} ms"),
            entry("AIHUB-MODEL-0302", Level.INFO, "model-adapter",
                    "circuit breaker {} {} -> {}"),
            entry("AIHUB-MODEL-0303", Level.WARN, "model-adapter",
                    "circuit breaker {} listener failed: {}"),
            entry("AIHUB-MODEL-0311", Level.DEBUG, "model-adapter",
                    "{} attempt {} of {} failed with {}; retrying in {} ms"),
            entry("AIHUB-PUBLISH-0002", Level.INFO, "routes",
                    "route {}: page holds messages the broker already has (re-read after restart); sending it "
                    + "message by message"),
            entry("AIHUB-ROUTE-0001", Level.INFO, "routes",
                    "route {}: {} record(s) dead-lettered on {}"),
            entry("AIHUB-SAP-0001", Level.INFO, "connectors",
                    "SAP source '{}' starting on {}/{} ({} paging) {}"),
            entry("AIHUB-SAP-0002", Level.INFO, "connectors",
                    "SAP source '{}' stopped"),
            entry("AIHUB-SAP-0003", Level.INFO, "connectors",
                    "SAP sink '{}' started for {}/{}"),
            entry("AIHUB-SAP-0004", Level.INFO, "connectors",
                    "CSRF token of connector '{}' was refused; fetching a new one"),
            entry("AIHUB-SF-0001", Level.INFO, "connectors",
                    "Connector '{}' logged in to Salesforce at {} as user {} ({})"),
            entry("AIHUB-SF-0002", Level.INFO, "connectors",
                    "Salesforce session of connector '{}' is no longer valid; logging in again"),
            entry("AIHUB-SF-0003", Level.INFO, "connectors",
                    "Salesforce source '{}' starting {}"),
            entry("AIHUB-SF-0004", Level.INFO, "connectors",
                    "Query locator of connector '{}' expired; querying again from the last record read"),
            entry("AIHUB-SF-0005", Level.INFO, "connectors",
                    "Salesforce source '{}' stopped"),
            entry("AIHUB-SF-0006", Level.INFO, "connectors",
                    "Salesforce sink '{}' started for {}"),
            entry("AIHUB-SF-0007", Level.WARN, "connectors",
                    "Connector '{}' holds back: {} of the org's {} daily API requests remain, below the "
                    + "reserve of {}%"),
            entry("AIHUB-SF-0008", Level.INFO, "connectors",
                    "Connector '{}' is above its API quota reserve again; reading resumes"),
            entry("AIHUB-SIM-0001", Level.INFO, "simulators",
                    "Salesforce simulator started on {} with {} accounts"),
            entry("AIHUB-SIM-0002", Level.INFO, "simulators",
                    "Salesforce simulator on {} stopped"),
            entry("AIHUB-SIM-0003", Level.WARN, "simulators",
                    "Unexpected failure serving {} {}"),
            entry("AIHUB-SIM-0101", Level.INFO, "simulators",
                    "Dataverse simulator started on {} with {} accounts"),
            entry("AIHUB-SIM-0102", Level.INFO, "simulators",
                    "Dataverse simulator on {} stopped"),
            entry("AIHUB-SIM-0103", Level.WARN, "simulators",
                    "Unexpected failure serving {} {}"),
            entry("AIHUB-SIM-0111", Level.INFO, "simulators",
                    "SAP OData simulator started on {} with {} business partners and {} sales orders"),
            entry("AIHUB-SIM-0112", Level.INFO, "simulators",
                    "SAP OData simulator on {} stopped"),
            entry("AIHUB-SIM-0113", Level.WARN, "simulators",
                    "Unexpected failure serving {} {}"),
            entry("AIHUB-SIM-0201", Level.INFO, "simulators",
                    "{} simulator started on {}"),
            entry("AIHUB-SIM-0202", Level.INFO, "simulators",
                    "{} simulator down (port {} closed)"),
            entry("AIHUB-SIM-0203", Level.INFO, "simulators",
                    "{} simulator on {} stopped"),
            entry("AIHUB-SIM-0204", Level.WARN, "simulators",
                    "{} simulator failed a request: {}"),
            entry("AIHUB-SOURCE-0001", Level.INFO, "routes",
                    "route {} polls {} from {}"),
            entry("AIHUB-SOURCE-0003", Level.WARN, "routes",
                    "route {}: page not delivered ({}, {}): {}; nothing committed, retrying in {} ms"),
            entry("AIHUB-SOURCE-0004", Level.WARN, "routes",
                    "route {}: rewind failed: {}"),
            entry("AIHUB-SOURCE-0005", Level.WARN, "routes",
                    "route {}: polling did not stop within 30 s"),
            entry("AIHUB-SOURCE-0006", Level.INFO, "routes",
                    "route {}: {} replayed record(s) delivered"),
            entry("AIHUB-SUBSCRIBE-0001", Level.INFO, "routes",
                    "consuming {}"),
            entry("AIHUB-SUBSCRIBE-0003", Level.WARN, "routes",
                    "{}: broker call failed ({}); reconnecting in 2 s"),
            entry("AIHUB-SUBSCRIBE-0004", Level.WARN, "routes",
                    "{}: batch of {} failed ({}): {}; rolled back for redelivery"),
            entry("AIHUB-SUBSCRIBE-0005", Level.WARN, "routes",
                    "{} did not stop within 30 s"),
            entry("AIHUB-SUBSCRIBE-0006", Level.WARN, "routes",
                    "{}: batch of {} not processed ({}, retriable): {}; retrying in {} ms"),
            entry("AIHUB-TRAIN-0001", Level.INFO, "model-adapter",
                    "training {} {}: {} rows ({} training, {} holdout), {} features, {} epochs"),
            entry("AIHUB-TRAIN-0002", Level.INFO, "model-adapter",
                    "trained {} {} in {} ms"),
            entry("AIHUB-TRAIN-0003", Level.INFO, "model-adapter",
                    "wrote {} and {}: {}"),
            entry("AIHUB-TRAIN-0004", Level.WARN, "model-adapter",
                    "cannot delete temporary file {}: {}"),
            entry("AIHUB-TRAIN-0005", Level.INFO, "model-adapter",
                    "ONNX export reproduces Tribuo on {} holdout rows (max difference {})"),
            entry("AIHUB-TRAIN-0006", Level.WARN, "model-adapter",
                    "feature {} has the same value on every training row; it cannot influence the model"),
            entry("AIHUB-TRAIN-0007", Level.WARN, "model-adapter",
                    "writing {} {} to {}, whose folder name is not the version; the registry loads models only "
                    + "from <models>/<name>/<version>"),
            entry("AIHUB-WEBHOOK-0001", Level.INFO, "connectors",
                    "webhook endpoint '{}' ready: scheme {}, {} active secret(s), tolerance {}s, maxBodyBytes {}, {}"),
            entry("AIHUB-WEBHOOK-0002", Level.DEBUG, "connectors",
                    "endpoint '{}' rejected a request: {}"),
            entry("AIHUB-WEBHOOK-0003", Level.DEBUG, "connectors",
                    "endpoint '{}' accepted a request signed with previousSecret"),
            entry("AIHUB-WEBHOOK-0004", Level.DEBUG, "connectors",
                    "endpoint '{}' rejected a verified request: {}"),
            entry("AIHUB-WEBHOOK-0005", Level.DEBUG, "connectors",
                    "endpoint '{}' received event {} ({})")
    );

    private MessageCatalogue() {
    }

    /** Every catalogued message, ordered by id. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    private static Entry entry(String id, Level level, String module, String template) {
        return new Entry(id, level, module, template);
    }
}
