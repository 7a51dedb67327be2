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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one webhook request: verify the raw body (401/400/413 with a reason code), answer 200 for a delivery
 * already accepted, otherwise queue the event for the route's micro-batch and answer 202 only after its page
 * was committed on the broker (scored, or dead-lettered with its reason), or 503 with Retry-After when it could
 * not be, so the sender retries and nothing is lost.
 */
final class AihubEventsProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AihubEventsProducer.class);

    private final AihubEventsEndpoint endpoint;
    private final AtomicInteger inFlight = new AtomicInteger();
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
                scorer::score, page -> delivery.deliver(page));
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
            batcher.close();
        }
        if (delivery != null) {
            delivery.close();
        }
        endpoint.runtime().activity().unregister(worker);
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        inFlight.incrementAndGet();
        endpoint.runtime().activity().idle(worker, false);
        try {
            handle(exchange);
        } finally {
            if (inFlight.decrementAndGet() == 0) {
                endpoint.runtime().activity().idle(worker, true);
            }
        }
    }

    private void handle(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        WebhookEvent event;
        try {
            event = webhook.receive(headers(in), body == null ? new byte[0] : body);
        } catch (WebhookRejectedException e) {
            counters.rejected.increment();
            respond(in, e.httpStatus(), "{\"status\":\"rejected\",\"code\":\"" + e.code() + "\"}");
            return;
        }
        if (webhook.deduplicator().alreadyAccepted(event.dedupeKey())) {
            respond(in, 200, "{\"status\":\"duplicate\"}");
            return;
        }
        try {
            EventBatcher.Outcome outcome = batcher.submit(event.record()).get(endpoint.getTimeout(),
                    TimeUnit.MILLISECONDS);
            webhook.deduplicator().recordAccepted(event.dedupeKey());
            counters.pulled.increment();
            respond(in, 202, outcome.scored() ? "{\"status\":\"accepted\"}"
                    : "{\"status\":\"dead-lettered\",\"code\":\"" + outcome.code() + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(in);
        } catch (ExecutionException | TimeoutException e) {
            unavailable(in);
        }
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
