package io.aihub.routes.component.events;

import io.aihub.connectors.portal.webhook.WebhookEndpoint;
import io.aihub.connectors.portal.webhook.WebhookHeaderAllowList;
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
 * {@code Retry-After} and body; a route failure is a 500 without details.
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
        super.doStop();
    }

    private static Optional<VertxPlatformHttpRouter> mainRouter(CamelContext context) {
        return context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(VertxPlatformHttpRouter::isMainServer).findFirst();
    }

    /** Runs the route for a verified request on a worker thread (the route waits for the broker) and answers. */
    private void onVerified(RoutingContext ctx, byte[] rawBody, Map<String, List<String>> headers) {
        Exchange exchange = createExchange(false);
        Message in = exchange.getMessage();
        in.setBody(rawBody);
        headers.forEach((name, values) -> {
            if (WebhookHeaderAllowList.allows(name) && !values.isEmpty()) {
                in.setHeader(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
            }
        });
        ctx.vertx().executeBlocking(() -> {
            getProcessor().process(exchange);
            return exchange;
        }, false).onComplete(done -> {
            try {
                answer(ctx, exchange, done.failed() ? done.cause() : exchange.getException());
            } finally {
                releaseExchange(exchange, false);
            }
        });
    }

    private void answer(RoutingContext ctx, Exchange exchange, Throwable failure) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
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
