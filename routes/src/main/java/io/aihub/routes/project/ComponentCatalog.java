package io.aihub.routes.project;

import io.aihub.routes.component.bi.AihubBiEndpoint;
import io.aihub.routes.component.events.AihubEventsEndpoint;
import io.aihub.routes.component.model.AihubModelEndpoint;
import io.aihub.routes.component.publish.AihubPublishEndpoint;
import io.aihub.routes.component.sink.AihubSinkEndpoint;
import io.aihub.routes.component.source.AihubSourceEndpoint;
import io.aihub.routes.component.subscribe.AihubSubscribeEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The aihub Camel components described as data, the way Camel describes its own: URI syntax, path parameters,
 * query options with type and default, and the headers each reads and sets. {@code ./aihub validate} checks
 * plain-route URIs against it, {@code docs/routes-reference.md} documents it (a test fails when an option is
 * missing there), and a test checks it against the endpoints' setters.
 */
public final class ComponentCatalog {

    private static final List<Component> COMPONENTS = List.of(
            new Component("aihub-source", "aihub-source:connector", "consumer", AihubSourceEndpoint.class,
                    List.of(new Option("connector", "path", "String", null,
                            "The source connector instance (aihub.connector.<connector>.*).")),
                    List.of(new Option("routeId", "query", "String", null,
                                    "The route the pages belong to; positions are stored per route and connector."),
                            new Option("idleDelay", "query", "long", "5000",
                                    "Milliseconds before polling again once the source has nothing new."),
                            new Option("maxBackoff", "query", "long", "60000",
                                    "Upper bound in milliseconds of the back-off after a page could not be delivered.")),
                    List.of(),
                    List.of(new Header("AihubRouteId", "String", "The route id."),
                            new Header("AihubRecordCount", "int", "Records in the page (usable and rejected)."),
                            new Header("AihubReplays", "Map<String,String>",
                                    "Records sent back by ./aihub dlq replay: <record id>@<version> to replay id."))),
            new Component("aihub-model", "aihub-model:model", "producer", AihubModelEndpoint.class,
                    List.of(new Option("model", "path", "String", null, "The model name (aihub.models).")),
                    List.of(new Option("fields", "query", "String", "",
                                    "Renames of the fields the model reads: <model field>=<record field>, comma-separated."),
                            new Option("version", "query", "String", "",
                                    "Pins the champion version; empty for the configured one (the highest by default)."),
                            new Option("fallback", "query", "String", "none",
                                    "When the model cannot score now: none, dead-letter or default-score:<score>."),
                            new Option("shadow", "query", "String", "",
                                    "A challenger version scoring the same records; stored, never written back."),
                            new Option("canary", "query", "String", "",
                                    "<version>:<percent>: that share of records scored by the challenger instead.")),
                    List.of(),
                    List.of()),
            new Component("aihub-publish", "aihub-publish:route", "producer", AihubPublishEndpoint.class,
                    List.of(new Option("route", "path", "String", null,
                            "The route id; the address is aihub.predictions.<route>.")),
                    List.of(new Option("subscribers", "query", "String", "",
                            "Comma-separated subscriber names; each gets a durable queue <route>.<subscriber>.")),
                    List.of(new Header("AihubReplays", "Map<String,String>",
                            "Set by aihub-source for replayed records; their dead letters get new ids.")),
                    List.of()),
            new Component("aihub-subscribe", "aihub-subscribe:route/subscriber", "consumer",
                    AihubSubscribeEndpoint.class,
                    List.of(new Option("route", "path", "String", null, "The scoring route whose events are read."),
                            new Option("subscriber", "path", "String", null,
                                    "The subscriber; the queue is <route>.<subscriber>.")),
                    List.of(new Option("batchSize", "query", "int", "200",
                                    "Most messages handed over in one exchange and acknowledged in one transaction."),
                            new Option("batchWait", "query", "long", "500",
                                    "Milliseconds to wait for a batch to fill once its first message arrived.")),
                    List.of(),
                    List.of(new Header("AihubRouteId", "String", "The route id."),
                            new Header("AihubRecordCount", "int", "Events in the batch."),
                            new Header("AihubRedelivered", "Set<String>",
                                    "Event ids the broker delivered before (an earlier attempt may have written them)."))),
            new Component("aihub-sink", "aihub-sink:connector", "producer", AihubSinkEndpoint.class,
                    List.of(new Option("connector", "path", "String", null,
                            "The sink connector instance (aihub.connector.<connector>.*).")),
                    List.of(new Option("fields", "query", "String", null,
                            "<field>=<score|label|modelVersion|band:Name@min|...|Name>, comma-separated.")),
                    List.of(new Header("AihubRouteId", "String", "The route id, for counters and dead letters."),
                            new Header("AihubRedelivered", "Set<String>",
                                    "Event ids delivered before; the sink checks current values before writing.")),
                    List.of()),
            new Component("aihub-bi", "aihub-bi:table", "producer", AihubBiEndpoint.class,
                    List.of(new Option("table", "path", "String", null, "predictions, outcomes or drift.")),
                    List.of(new Option("scoringRoute", "query", "String", null,
                                    "outcomes: the route whose predictions the outcomes judge."),
                            new Option("labelField", "query", "String", null,
                                    "outcomes: the source field holding the outcome; empty ones are skipped."),
                            new Option("labels", "query", "String", null,
                                    "outcomes: <field value>=<model label>, comma-separated, e.g. true=yes,false=no."),
                            new Option("positiveLabel", "query", "String", null,
                                    "outcomes: the model's positive class."),
                            new Option("observedAtField", "query", "String", "",
                                    "outcomes: the field holding when the outcome happened; empty for the record's"
                                            + " modification time."),
                            new Option("route", "query", "String", null, "drift: the scoring route measured."),
                            new Option("model", "query", "String", null, "drift: the model the route scores with."),
                            new Option("fields", "query", "String", "",
                                    "drift: the route's field renames, as given to aihub-model."),
                            new Option("windowRecords", "query", "int", "1000",
                                    "drift: records per window (else aihub.drift.windowRecords)."),
                            new Option("windowSeconds", "query", "long", "3600",
                                    "drift: a window with minRecords closes this long after it opened; 0 for count"
                                            + " only (else aihub.drift.windowSeconds)."),
                            new Option("minRecords", "query", "int", "100",
                                    "drift: the fewest records a window closed by time holds (else"
                                            + " aihub.drift.minRecords)."),
                            new Option("psiThreshold", "query", "double", "0.2",
                                    "drift: PSI above this is drift (else aihub.drift.psiThreshold).")),
                    List.of(new Header("AihubRouteId", "String", "The route id, for the bi_rows counter.")),
                    List.of()),
            new Component("aihub-events", "aihub-events:connector", "consumer and producer", AihubEventsEndpoint.class,
                    List.of(new Option("connector", "path", "String", null,
                            "The webhook connector instance (aihub.connector.<connector>.type = webhook).")),
                    List.of(new Option("routeId", "query", "String", null,
                                    "The route id; names the predictions address."),
                            new Option("httpPath", "query", "String", "/webhooks/<routeId>",
                                    "Consumer: the path requests arrive on, where the rate limit, body size and "
                                            + "signature are checked before the route."),
                            new Option("model", "query", "String", null, "The model name (aihub.models)."),
                            new Option("subscribers", "query", "String", "",
                                    "Comma-separated subscriber names, each with its durable queue."),
                            new Option("fields", "query", "String", "",
                                    "Renames of the fields the model reads: <model field>=<record field>."),
                            new Option("maxBatch", "query", "int", "100", "Events scored in one model call at most."),
                            new Option("maxWait", "query", "long", "0",
                                    "Milliseconds a batch may linger for more events after its oldest one when fewer "
                                            + "than maxBatch wait; 0 takes what waits at once."),
                            new Option("maxPending", "query", "int", "10000",
                                    "Events waiting for a batch at most; beyond that 503 with Retry-After."),
                            new Option("timeout", "query", "long", "30000",
                                    "Milliseconds a request waits for its event to be delivered before 503."),
                            new Option("fallback", "query", "String", "none",
                                    "When the model cannot score now: none (503), dead-letter or default-score:<score>.")),
                    List.of(new Header("the allow-listed request headers", "String",
                            "Signature, timestamp, delivery id and CloudEvents headers of a request the consumer let "
                                    + "through; never a Camel* header or a query parameter. The body is the raw request.")),
                    List.of(new Header("CamelHttpResponseCode", "int",
                                    "202 accepted, 200 already accepted, 400/401/413 refused, 503 not delivered (or queue full)."),
                            new Header("Retry-After", "String", "5, with a 503."))));

    private ComponentCatalog() {
    }

    /** Every aihub component. */
    public static List<Component> components() {
        return COMPONENTS;
    }

    public static Optional<Component> find(String scheme) {
        return COMPONENTS.stream().filter(c -> c.scheme().equals(scheme)).findFirst();
    }

    public static List<String> schemes() {
        return COMPONENTS.stream().map(Component::scheme).toList();
    }

    /**
     * One component.
     *
     * @param syntax   the URI syntax, Camel style: {@code aihub-model:model}
     * @param kind     consumer (use in from) or producer (use in to)
     * @param endpoint the endpoint class whose setters are the query options
     */
    public record Component(String scheme, String syntax, String kind, Class<?> endpoint, List<Option> pathOptions,
            List<Option> queryOptions, List<Header> headersIn, List<Header> headersOut) {

        public Optional<Option> option(String name) {
            return queryOptions.stream().filter(o -> o.name().equals(name)).findFirst();
        }

        public List<String> optionNames() {
            return queryOptions.stream().map(Option::name).toList();
        }
    }

    /**
     * One path parameter or query option.
     *
     * @param defaultValue null when the option is required
     */
    public record Option(String name, String kind, String type, String defaultValue, String description) {
    }

    /** One message header a component reads or sets. */
    public record Header(String name, String type, String description) {
    }
}
