package io.aihub.routes.component.events;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A webhook connector instance receiving events for one route. As a consumer ({@code from}) it takes
 * {@code POST /webhooks/<route>} on the hub's HTTP server and lets only requests within their client's rate and
 * the body limit, correctly signed and fresh, into the route ({@link WebhookGate}); as a producer ({@code to}) it
 * verifies the raw request again, scores the event (micro-batched with other requests) and answers only after the
 * prediction is on the broker.
 */
public final class AihubEventsEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String connector;
    private String routeId;
    private String model;
    private String subscribers = "";
    private String fields = "";
    private int maxBatch = 100;
    private long maxWait;
    private int maxPending = 10_000;
    private long timeout = 30_000;
    private String fallback = "none";
    private String httpPath = "";

    AihubEventsEndpoint(String uri, AihubEventsComponent component, HubRuntime runtime, String connector) {
        super(uri, component);
        this.runtime = runtime;
        this.connector = connector;
    }

    @Override
    public Producer createProducer() {
        if (routeId == null || model == null) {
            throw new IllegalArgumentException("aihub-events:" + connector + " needs the options routeId and model");
        }
        Addresses.checked("route id", routeId);
        return new AihubEventsProducer(this);
    }

    /** The intake: {@code from("aihub-events:<connector>?routeId=...")} takes the route's webhook requests. */
    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (routeId == null) {
            throw new IllegalArgumentException("aihub-events:" + connector + " needs the option routeId");
        }
        Addresses.checked("route id", routeId);
        AihubEventsConsumer consumer = new AihubEventsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    HubRuntime runtime() {
        return runtime;
    }

    AihubEventsComponent component() {
        return (AihubEventsComponent) getComponent();
    }

    public String getConnector() {
        return connector;
    }

    public String getRouteId() {
        return routeId;
    }

    /** The route id; names the predictions address. */
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    public String getModel() {
        return model;
    }

    /** The model name (aihub.models). */
    public void setModel(String model) {
        this.model = model;
    }

    public String getSubscribers() {
        return subscribers;
    }

    /** Comma-separated subscriber names, each with its durable queue. */
    public void setSubscribers(String subscribers) {
        this.subscribers = subscribers == null ? "" : subscribers;
    }

    public String getFields() {
        return fields;
    }

    /** Renames of the fields the model reads, {@code <model field>=<record field>}, comma-separated. */
    public void setFields(String fields) {
        this.fields = fields == null ? "" : fields;
    }

    public int getMaxBatch() {
        return maxBatch;
    }

    /** Events scored in one model call at most (default 100). */
    public void setMaxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    public long getMaxWait() {
        return maxWait;
    }

    /**
     * Milliseconds the batcher may linger for more events, when fewer than {@code maxBatch} wait, after the oldest
     * arrived (default 0: a batch takes what is waiting as soon as the previous one committed).
     */
    public void setMaxWait(long maxWait) {
        this.maxWait = maxWait;
    }

    public int getMaxPending() {
        return maxPending;
    }

    /** Events waiting for a batch at most; beyond that a request is answered 503 with Retry-After (default 10000). */
    public void setMaxPending(int maxPending) {
        this.maxPending = maxPending;
    }

    public long getTimeout() {
        return timeout;
    }

    /** Milliseconds a request waits for its event to be delivered before answering 503 (default 30000). */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    List<String> subscriberList() {
        return Arrays.stream(subscribers.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Addresses.checked("subscriber", s)).distinct().toList();
    }

    public String getHttpPath() {
        return httpPath;
    }

    /**
     * The platform-http path the requests arrive on, where the rate limit, body size and signature are checked
     * before the route (default {@code /webhooks/<routeId>}).
     */
    public void setHttpPath(String httpPath) {
        this.httpPath = httpPath == null ? "" : httpPath;
    }

    String httpPath() {
        return httpPath.isBlank() ? "/webhooks/" + routeId : httpPath;
    }

    public String getFallback() {
        return fallback;
    }

    /**
     * When the model cannot score now: {@code none} (default: the request gets 503 and the sender retries),
     * {@code dead-letter} or {@code default-score:<score>}.
     */
    public void setFallback(String fallback) {
        this.fallback = fallback == null ? "none" : fallback;
    }
}
