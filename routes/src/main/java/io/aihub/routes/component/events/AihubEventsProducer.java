package io.aihub.routes.component.events;

import io.aihub.connectors.portal.webhook.WebhookEndpoint;
import io.aihub.connectors.portal.webhook.WebhookEvent;
import io.aihub.connectors.portal.webhook.WebhookHeaderAllowList;
import io.aihub.connectors.portal.webhook.WebhookRejectedException;
import io.aihub.model.mapping.FieldRenames;
import io.aihub.routes.flow.EventBatcher;
import io.aihub.routes.flow.PageDelivery;
import io.aihub.routes.flow.PageScorer;
import io.aihub.routes.progress.RouteCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one webhook request: verify the raw body (401/400/413 with a reason code), answer 200 for a delivery
 * already accepted, otherwise queue the event for the route's micro-batch and answer 202 only after its page
 * was committed on the broker (scored, or dead-lettered with its reason), or 503 with Retry-After when it could
 * not be (not delivered within {@code timeout}, {@code maxPending} events already waiting, the route stopping),
 * so the sender retries and nothing is lost. Asynchronous: no thread waits for the page; the exchange completes
 * on the batcher's worker thread (or the timeout's) once the outcome is known.
 */
final class AihubEventsProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AihubEventsProducer.class);

    private final AihubEventsEndpoint endpoint;
    private int inFlight;
    private WebhookEndpoint webhook;
    private PageDelivery delivery;
    private EventBatcher batcher;
    private RouteCounters counters;
    private String worker;

    AihubEventsProducer(AihubEventsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        var runtime = endpoint.runtime();
        webhook = runtime.webhook(endpoint.getConnector());
        PageScorer scorer = io.aihub.routes.component.model.AihubModelProducer.scorerFor(runtime,
                endpoint.getModel(), "", FieldRenames.parse(endpoint.getFields()), endpoint.getFallback(), "", "");
        delivery = new PageDelivery(runtime, endpoint.getRouteId(), endpoint.subscriberList());
        batcher = new EventBatcher(endpoint.getRouteId(), endpoint.getMaxBatch(), endpoint.getMaxWait(),
                endpoint.getMaxPending(), scorer::score, page -> delivery.deliver(page));
        endpoint.component().batcherStarted(endpoint.getRouteId(), batcher);
        counters = runtime.counters().route(endpoint.getRouteId());
        worker = "events:" + endpoint.getRouteId();
        runtime.activity().register(worker);
        runtime.activity().idle(worker, true);
        LOG.info("AIHUB-EVENTS-0002 route {} takes events from webhook connector {}", endpoint.getRouteId(),
                endpoint.getConnector());
    }

    @Override
    protected void doStop() throws Exception {
        if (batcher != null) {
            endpoint.component().batcherStopped(endpoint.getRouteId(), batcher);
            batcher.close();
        }
        if (delivery != null) {
            delivery.close();
        }
        endpoint.runtime().activity().unregister(worker);
        super.doStop();
    }

    /**
     * Verifies, parses and checks the dedupe cache on the calling thread (the consumer calls from the Vert.x event
     * loop: cheap CPU only, the body bounded by the connector's {@code maxBodyBytes}), queues the event without
     * blocking and returns false; the batcher's worker completes {@code callback} once the page committed.
     */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        WebhookEvent event;
        try {
            event = webhook.receive(headers(in), body == null ? new byte[0] : body);
        } catch (WebhookRejectedException e) {
            counters.rejected.increment();
            respond(in, e.httpStatus(), "{\"status\":\"rejected\",\"code\":\"" + e.code() + "\"}");
            callback.done(true);
            return true;
        }
        if (webhook.deduplicator().alreadyAccepted(event.dedupeKey())) {
            respond(in, 200, "{\"status\":\"duplicate\"}");
            callback.done(true);
            return true;
        }
        busy(1);
        batcher.submit(event.record()).orTimeout(endpoint.getTimeout(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, failure) -> {
                    try {
                        if (failure == null) {
                            webhook.deduplicator().recordAccepted(event.dedupeKey());
                            counters.pulled.increment();
                            respond(in, 202, outcome.scored() ? "{\"status\":\"accepted\"}"
                                    : "{\"status\":\"dead-lettered\",\"code\":\"" + outcome.code() + "\"}");
                        } else {
                            if (failure instanceof EventBatcher.Refused refused && refused.full()) {
                                counters.rejected.increment();
                            }
                            unavailable(in);
                        }
                    } finally {
                        busy(-1);
                        callback.done(false);
                    }
                });
        return false;
    }

    /** Counts the requests waiting for their page; the route is idle for {@code --once} when none are. */
    private synchronized void busy(int delta) {
        inFlight += delta;
        endpoint.runtime().activity().idle(worker, inFlight == 0);
    }

    private static void unavailable(Message in) {
        in.setHeader("Retry-After", "5");
        respond(in, 503, "{\"status\":\"unavailable\",\"code\":\"EVENT_NOT_DELIVERED\"}");
    }

    private static void respond(Message in, int status, String json) {
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(json);
    }

    /**
     * The allow-listed request headers (the consumer let no others in; checked again here, so no {@code Camel*}
     * header in any letter case reaches the parser), names case-insensitive downstream.
     */
    private static Map<String, List<String>> headers(Message in) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((name, value) -> {
            if (!WebhookHeaderAllowList.allows(name) || value == null) {
                return;
            }
            List<String> values = new ArrayList<>();
            if (value instanceof Iterable<?> many) {
                many.forEach(v -> values.add(String.valueOf(v)));
            } else {
                values.add(String.valueOf(value));
            }
            headers.put(name, values);
        });
        return headers;
    }
}
