package io.aihub.routes.component.events;

import io.aihub.connectors.portal.webhook.WebhookEndpoint;
import io.aihub.connectors.portal.webhook.WebhookHeaderAllowList;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes {@code POST <path>} (default {@code /webhooks/<routeId>}) on the hub's HTTP server ({@code camel.server.*})
 * and starts the route only for requests that passed the {@link WebhookGate}: within their client's rate, within
 * the body size limit, correctly signed and fresh. The exchange carries the raw body as {@code byte[]} and only
 * the request headers on {@link WebhookHeaderAllowList}: no query parameter and no {@code Camel*} header in any
 * letter case enters the route. The answer is the route's {@code CamelHttpResponseCode}, {@code Content-Type},
 * {@code Retry-After} and body; a route failure is a 500 without details. Once the consumer stops, a request
 * that passed the gate is answered 503 with {@code Retry-After}, and the events waiting in the route's batcher
 * are too.
 */
final class AihubEventsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AihubEventsConsumer.class);

    private final AihubEventsEndpoint endpoint;
    private volatile WebhookGate gate;

    AihubEventsConsumer(AihubEventsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WebhookEndpoint webhook = endpoint.runtime().webhook(endpoint.getConnector());
        gate = new WebhookGate(endpoint.httpPath(), webhook, endpoint.runtime().counters()
                .route(endpoint.getRouteId()), this::onVerified);
        CamelContext context = getEndpoint().getCamelContext();
        Optional<VertxPlatformHttpRouter> router = mainRouter(context);
        if (router.isPresent()) {
            gate.install(router.get());
        } else {
            // The main HTTP server binds its router only once the context has fully started.
            context.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    // Nothing yet: see onCamelContextFullyStarted.
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                    WebhookGate pending = gate;
                    if (pending != null && isRunAllowed()) {
                        pending.install(mainRouter(started).orElseThrow(() -> new IllegalStateException(
                                "aihub-events:" + endpoint.getConnector() + " takes webhooks on the hub's HTTP"
                                        + " server: set camel.server.enabled = true")));
                    }
                }
            });
        }
        LOG.info("AIHUB-EVENTS-0003 route {} takes POST {} (webhook connector {})", endpoint.getRouteId(),
                endpoint.httpPath(), endpoint.getConnector());
    }

    @Override
    protected void doStop() throws Exception {
        WebhookGate installed = gate;
        gate = null;
        if (installed != null) {
            installed.remove();
        }
        endpoint.component().intakeClosed(endpoint.getRouteId());
        super.doStop();
    }

    private static Optional<VertxPlatformHttpRouter> mainRouter(CamelContext context) {
        return context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(VertxPlatformHttpRouter::isMainServer).findFirst();
    }

    /**
     * Runs the route for a verified request and answers when it completed, without holding a thread meanwhile.
     * This runs on the Vert.x event loop, and so does the route up to its {@code aihub-events} producer: that does
     * only bounded CPU work (a second signature check and the JSON parse of a body within {@code maxBodyBytes}, an
     * in-memory dedupe lookup) and queues the event without blocking, so a hop to a worker thread would add a
     * thread switch per request and a queue in front of the batcher that nothing bounds. The callback fires on
     * the batcher's worker once the page committed; the answer is written back on the request's own context.
     */
    private void onVerified(RoutingContext ctx, byte[] rawBody, Map<String, List<String>> headers) {
        Context context = ctx.vertx().getOrCreateContext();
        if (!isRunAllowed()) {
            stopping(ctx.response());
            return;
        }
        Exchange exchange = createExchange(false);
        Message in = exchange.getMessage();
        in.setBody(rawBody);
        headers.forEach((name, values) -> {
            if (WebhookHeaderAllowList.allows(name) && !values.isEmpty()) {
                in.setHeader(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
            }
        });
        getAsyncProcessor().process(exchange, doneSync -> context.runOnContext(v -> {
            try {
                answer(ctx, exchange, exchange.getException());
            } finally {
                releaseExchange(exchange, false);
            }
        }));
    }

    /** The route is stopping: a quiet 503, so the sender retries (against this hub once it runs again). */
    private static void stopping(HttpServerResponse response) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(503).putHeader("Content-Type", "application/json").putHeader("Retry-After", "5")
                .end("{\"status\":\"unavailable\",\"code\":\"ROUTE_STOPPING\"}");
    }

    private void answer(RoutingContext ctx, Exchange exchange, Throwable failure) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (failure != null && !isRunAllowed()) {
            LOG.debug("webhook route {} stopped before a request completed ({})", endpoint.getRouteId(),
                    failure.getClass().getSimpleName());
            stopping(response);
            return;
        }
        if (failure != null) {
            getExceptionHandler().handleException("webhook route " + endpoint.getRouteId() + " failed", exchange,
                    failure);
            response.setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"failed\",\"code\":\"ROUTE_FAILED\"}");
            return;
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String contentType = out.getHeader(Exchange.CONTENT_TYPE, String.class);
        String retryAfter = out.getHeader("Retry-After", String.class);
        String body = out.getBody(String.class);
        response.setStatusCode(status == null ? 200 : status);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(body == null ? "" : body);
    }
}
