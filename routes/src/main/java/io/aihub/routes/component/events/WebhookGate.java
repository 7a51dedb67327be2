package io.aihub.routes.component.events;

import io.aihub.connectors.portal.webhook.Verification;
import io.aihub.connectors.portal.webhook.VerificationFailure;
import io.aihub.connectors.portal.webhook.WebhookEndpoint;
import io.aihub.routes.progress.RouteCounters;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a webhook request passes on the HTTP server before it may enter its Camel route, in this order: the
 * per-client rate limit (429 with {@code Retry-After}, nothing read), the body size ({@code Content-Length} above
 * {@code maxBodyBytes} is a 413 at once; a body that grows past it while streaming is a 413 and is not buffered
 * further), then the signature over the raw bytes (401). Only a request that passed all three is handed to
 * {@code verified}, which starts the route. Installed on the main HTTP server's router ({@code camel.server.*})
 * and removed when the route stops.
 */
final class WebhookGate {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookGate.class);
    /** Ahead of any handler platform-http adds for its consumers (order 0 and up). */
    private static final int ORDER = -100;

    /** A request that passed the gate: the raw body and the request headers. */
    interface Verified {
        void handle(RoutingContext ctx, byte[] rawBody, Map<String, List<String>> headers);
    }

    private final String path;
    private final WebhookEndpoint webhook;
    private final RouteCounters counters;
    private final Verified verified;
    private volatile Route checks;
    private Route body;

    WebhookGate(String path, WebhookEndpoint webhook, RouteCounters counters, Verified verified) {
        this.path = path;
        this.webhook = webhook;
        this.counters = counters;
        this.verified = verified;
    }

    /** True once the handlers are on the server's router. */
    boolean installed() {
        return checks != null;
    }

    /**
     * Adds the gate's handlers for {@code POST <path>} to {@code router}: one Vert.x route for the checks that
     * need no body, then one that reads the body (Vert.x wants body handlers first on a route) and verifies it.
     */
    synchronized void install(Router router) {
        if (checks != null) {
            return;
        }
        checks = router.route(HttpMethod.POST, path).order(ORDER)
                .handler(this::limitRate)
                .handler(this::limitLength);
        body = router.route(HttpMethod.POST, path).order(ORDER + 1)
                .handler(BodyHandler.create(false).setBodyLimit(webhook.maxBodyBytes()))
                .handler(this::verify)
                .failureHandler(this::failed);
        LOG.debug("webhook gate on POST {} for endpoint '{}'", path, webhook.name());
    }

    /** Removes the handlers again; safe when never installed. */
    synchronized void remove() {
        if (checks != null) {
            checks.remove();
            body.remove();
            checks = null;
            body = null;
        }
    }

    private void limitRate(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        String client = webhook.client(headers(ctx.request().headers()), remote == null ? "" : remote.hostAddress());
        long retryAfter = webhook.rateLimiter().acquire(client);
        if (retryAfter > 0) {
            counters.rejected.increment();
            ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
            reject(ctx, 429, "WEBHOOK_RATE_LIMITED");
            return;
        }
        ctx.next();
    }

    private void limitLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                counters.rejected.increment();
                reject(ctx, 400, "WEBHOOK_BAD_CONTENT_LENGTH");
                return;
            }
            if (declared > webhook.maxBodyBytes()) {
                tooLarge(ctx);
                return;
            }
        }
        ctx.next();
    }

    private void verify(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
        Map<String, List<String>> headers = headers(ctx.request().headers());
        Verification verification = webhook.verify(headers, raw);
        if (!verification.ok()) {
            counters.rejected.increment();
            reject(ctx, verification.failure().httpStatus(), verification.failure().code());
            return;
        }
        verified.handle(ctx, raw, headers);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            tooLarge(ctx);
        } else {
            ctx.next();
        }
    }

    private void tooLarge(RoutingContext ctx) {
        counters.rejected.increment();
        // The rest of the body is not read: close the connection after the answer.
        ctx.response().putHeader("Connection", "close");
        reject(ctx, 413, VerificationFailure.BODY_TOO_LARGE.code());
    }

    static void reject(RoutingContext ctx, int status, String code) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"status\":\"rejected\",\"code\":\"" + code + "\"}");
    }

    private static Map<String, List<String>> headers(MultiMap multiMap) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : multiMap.names()) {
            headers.put(name, multiMap.getAll(name));
        }
        return headers;
    }
}
