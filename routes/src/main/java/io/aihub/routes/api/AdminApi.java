package io.aihub.routes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.flow.DeadLetterQueues;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.jms.JMSException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the admin API and the dashboard on Camel's management server ({@code camel.management.host/port}, with
 * {@code /observe}), not on the server that takes webhooks ({@code camel.server.port}), so the listener exposed
 * to portals never answers {@code /api}.
 *
 * <p>Every {@code /api/...} request needs {@code Authorization: Bearer <token>} ({@link ApiTokens}): 401 without
 * one or with an unknown one, 403 when a read-only token asks for an operator action. {@code /observe/health}
 * stays open; {@code /observe/metrics} needs a token when {@code aihub.api.metricsProtected} is true. Tokens are
 * never logged: log lines name the token's configured name only.
 */
public final class AdminApi extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String PRINCIPAL = "aihub.api.principal";
    private static final int FIRST = -1_000;
    /** The dashboard's content security policy: its own files only, no inline script, nothing remote. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ApiSettings settings;
    private final ObjectMapper json = HubJson.mapper();
    private final ThroughputSampler throughput;
    private final QueueDepths depths;
    private final RouteStatusView routesView;
    private final ModelCatalogView modelsView;
    private final DriftReportsView driftView;
    private final DeadLetterView deadLetters;
    private final DashboardAssets assets = new DashboardAssets();
    private final HubRoutes routes;
    private Vertx vertx;
    private long timer = -1;

    private AdminApi(CamelContext context, HubRuntime runtime, ApiSettings settings) {
        this.settings = settings;
        this.routes = new HubRoutes(context);
        this.throughput = new ThroughputSampler(runtime.counters());
        this.depths = new QueueDepths(runtime.brokerUrl(), runtime.settings().brokerUser(), runtime.brokerPassword());
        this.routesView = new RouteStatusView(runtime, routes, throughput, depths);
        this.modelsView = new ModelCatalogView(runtime, routes);
        this.driftView = new DriftReportsView(runtime.database().dataSource());
        this.deadLetters = new DeadLetterView(new DeadLetterQueues(runtime.connectionFactory()), routes);
    }

    /**
     * Adds the API and dashboard to the started management server, and itself to Camel's services so it stops
     * with Camel.
     *
     * @return the API, or empty when it is switched off or there is no management server
     */
    public static Optional<AdminApi> install(CamelContext context, HubRuntime runtime, ApiSettings settings)
            throws Exception {
        if (!settings.enabled()) {
            LOG.info("AIHUB-API-0006 admin API and dashboard off (aihub.api.enabled=false)");
            return Optional.empty();
        }
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            LOG.info("AIHUB-API-0011 admin API and dashboard off: no management server (camel.management.enabled)");
            return Optional.empty();
        }
        AdminApi api = new AdminApi(context, runtime, settings);
        api.mount(server.getRouter());
        context.addService(api, true, true);
        LOG.info("AIHUB-API-0001 admin API and dashboard on http://{}:{}/ (tokens: {}; metrics {})", server.getHost(),
                server.getPort(), api.settings.tokens().names(), settings.metricsProtected() ? "need a token" : "open");
        if (settings.tokens().isEmpty()) {
            LOG.warn("AIHUB-API-0007 no admin API token is configured, so /api refuses every request; make one with "
                    + "./aihub api-token new --name <name> --role operator");
        }
        return Optional.of(api);
    }

    private void mount(VertxPlatformHttpRouter router) {
        vertx = router.vertx();
        router.route("/api/*").order(FIRST).blockingHandler(this::authenticate, false);
        if (settings.metricsProtected()) {
            router.route("/observe/metrics").order(FIRST).blockingHandler(this::authenticate, false);
        }
        router.get("/api/me").handler(ctx -> {
            ApiTokens.Principal who = ctx.get(PRINCIPAL);
            send(ctx, 200, RouteStatusView.ordered("name", who.name(), "role", who.role().configName()));
        });
        router.get("/api/routes").blockingHandler(ctx -> respond(ctx, routesView::render), false);
        router.get("/api/models").blockingHandler(ctx -> respond(ctx, modelsView::render), false);
        router.get("/api/models/:name/drift").blockingHandler(ctx -> respond(ctx, () -> {
            String name = ctx.pathParam("name");
            if (!modelsView.knows(name)) {
                throw new NotFound("no model '" + Addresses.checked("model name", name) + "' in this hub");
            }
            return driftView.render(name);
        }), false);
        router.get("/api/dlq").blockingHandler(ctx -> respond(ctx, deadLetters::render), false);
        router.post("/api/dlq/:route/replay").handler(ctx -> require(ctx, ApiRole.OPERATOR))
                .blockingHandler(ctx -> respond(ctx, () -> replay(ctx)), false);
        router.route("/api/*").handler(ctx -> error(ctx, 404, "not_found", "no such API: " + ctx.request().method()
                + " " + ctx.normalizedPath()));
        for (String path : assets.paths()) {
            router.get(path).handler(this::asset);
        }
        timer = vertx.setPeriodic(1_000, id -> throughput.sample(System.nanoTime()));
    }

    private Map<String, Object> replay(RoutingContext ctx) throws JMSException {
        String route = Addresses.checked("route id", ctx.pathParam("route"));
        if (routes.find(route).filter(r -> r.scoring() != null).isEmpty()) {
            throw new NotFound("no scoring route '" + route + "' in this hub");
        }
        Optional<String> reason = Optional.ofNullable(ctx.queryParams().get("reason")).filter(s -> !s.isBlank());
        DeadLetterQueues.Replayed replayed = deadLetters.replay(route, reason);
        ApiTokens.Principal who = ctx.get(PRINCIPAL);
        LOG.info("AIHUB-API-0002 dead letters of route {} replayed{} for token '{}': records={} events={}", route,
                reason.map(r -> " (reason " + r + ")").orElse(""), who.name(), replayed.records(), replayed.events());
        return RouteStatusView.ordered("route", route, "reason", reason.orElse(null), "records", replayed.records(),
                "events", replayed.events());
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        Optional<ApiTokens.Principal> principal = settings.tokens().authenticate(token);
        if (principal.isEmpty()) {
            LOG.debug("AIHUB-API-0003 {} {} refused: {}", ctx.request().method(), ctx.normalizedPath(),
                    header == null ? "no token" : "unknown token");
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"aihub\"");
            error(ctx, 401, "unauthorized", header == null ? "send the header Authorization: Bearer <token>"
                    : "unknown token");
            return;
        }
        ctx.put(PRINCIPAL, principal.get());
        ctx.next();
    }

    private void require(RoutingContext ctx, ApiRole role) {
        ApiTokens.Principal who = ctx.get(PRINCIPAL);
        if (who == null || !who.role().allows(role)) {
            LOG.info("AIHUB-API-0009 {} {} refused for token '{}': needs the {} role", ctx.request().method(),
                    ctx.normalizedPath(), who == null ? "?" : who.name(), role.configName());
            error(ctx, 403, "forbidden", "this needs a token with the " + role.configName() + " role");
            return;
        }
        ctx.next();
    }

    /** What an API handler computes; may fail with a checked exception. */
    private interface Body {
        Object get() throws Exception;
    }

    private void respond(RoutingContext ctx, Body body) {
        try {
            send(ctx, 200, body.get());
        } catch (NotFound e) {
            error(ctx, 404, "not_found", e.getMessage());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "bad_request", e.getMessage());
        } catch (JMSException e) {
            LOG.warn("AIHUB-API-0008 {} {} failed: broker: {}", ctx.request().method(), ctx.normalizedPath(),
                    e.getClass().getSimpleName());
            error(ctx, 503, "broker_unavailable", "the broker cannot be reached now; try again");
        } catch (SQLException e) {
            LOG.warn("AIHUB-API-0012 {} {} failed: database: {}", ctx.request().method(), ctx.normalizedPath(),
                    e.getClass().getSimpleName());
            error(ctx, 503, "database_unavailable", "the database cannot be reached now; try again");
        } catch (Exception e) {
            LOG.warn("AIHUB-API-0013 {} {} failed: {}", ctx.request().method(), ctx.normalizedPath(), e.toString());
            error(ctx, 500, "internal_error", e.getClass().getSimpleName());
        }
    }

    private void error(RoutingContext ctx, int status, String code, String message) {
        send(ctx, status, RouteStatusView.ordered("error", code, "message", message));
    }

    private void send(RoutingContext ctx, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (Exception e) {
            status = 500;
            bytes = "{\"error\":\"internal_error\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        HttpServerResponse response = ctx.response().setStatusCode(status);
        response.putHeader("Content-Type", "application/json");
        response.putHeader("Cache-Control", "no-store");
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.end(Buffer.buffer(bytes));
    }

    private void asset(RoutingContext ctx) {
        DashboardAssets.Asset asset = assets.get(ctx.normalizedPath()).orElse(null);
        if (asset == null) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Type", asset.contentType());
        response.putHeader("Content-Security-Policy", CSP);
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Referrer-Policy", "no-referrer");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Cache-Control", "no-cache");
        response.end(Buffer.buffer(asset.bytes()));
    }

    @Override
    protected void doStop() {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        depths.close();
    }

    /** A path names something this hub does not have. */
    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
