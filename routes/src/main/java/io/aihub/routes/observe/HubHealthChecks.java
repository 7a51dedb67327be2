package io.aihub.routes.observe;

import io.aihub.model.LoadedModel;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.progress.RouteCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness checks of the parts the hub depends on, in the {@code aihub} group: {@code broker},
 * {@code database}, {@code connector-<name>} per connector instance, {@code model-<name>} per configured model
 * (and {@code model-<name>@<version>} per other version a route loaded), and {@code route-<id>} per route. Each
 * part that is down is DOWN on its own check with details saying why, so readiness tells which part failed
 * while liveness (which none of these checks joins) stays UP: a model server being down does not get the hub
 * restarted. Details hold codes, names and times only, never record ids or field values.
 */
public final class HubHealthChecks {

    private HubHealthChecks() {
    }

    /** The checks for a started runtime (routes are added by {@link #watchRoutes}). */
    public static List<HealthCheck> of(HubRuntime runtime) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new ReadinessCheck("broker", builder -> broker(runtime, builder)));
        checks.add(new ReadinessCheck("database", builder -> database(runtime, builder)));
        for (String connector : runtime.connectorNames()) {
            checks.add(new ReadinessCheck("connector-" + connector, builder -> connector(runtime, connector,
                    builder)));
        }
        List<String> configured = runtime.modelNames();
        for (Map.Entry<String, LoadedModel> model : runtime.loadedModels().entrySet()) {
            String name = model.getKey().substring(0, model.getKey().indexOf('@'));
            boolean isConfigured = configured.contains(name)
                    && runtime.model(name) == model.getValue();
            String id = "model-" + (isConfigured ? name : model.getKey());
            checks.add(new ReadinessCheck(id, builder -> model(runtime, model.getKey(), model.getValue(), builder)));
        }
        return checks;
    }

    /** Registers a {@code route-<id>} check for every route, now and for routes that appear later. */
    public static void watchRoutes(HubRuntime runtime, HealthCheckRegistry registry) {
        runtime.counters().onNewRoute(route -> registry.register(routeCheck(route)));
        runtime.counters().routes().forEach(route -> registry.register(routeCheck(route)));
    }

    private static HealthCheck routeCheck(RouteCounters route) {
        return new ReadinessCheck("route-" + route.routeId(), builder -> {
            String code = route.failingCode;
            Instant since = route.failingSince;
            builder.detail("pageFailures", route.pageFailures.sum());
            if (code != null) {
                builder.detail("errorCode", code);
                if (since != null) {
                    builder.detail("failingSince", since.toString());
                }
                builder.down().message("route " + route.routeId() + " cannot deliver pages (" + code
                        + "); retrying");
                return;
            }
            builder.up();
        });
    }

    private static void broker(HubRuntime runtime, HealthCheckResultBuilder builder) {
        var link = runtime.brokerLink();
        Optional<Instant> downSince = link == null ? Optional.empty() : link.downSince();
        if (downSince.isPresent()) {
            builder.detail("downSince", downSince.get().toString())
                    .down().message("broker unreachable since " + downSince.get() + "; reconnecting");
            return;
        }
        try (var connection = runtime.connectionFactory().createConnection()) {
            builder.up();
        } catch (Exception e) {
            builder.down().message("broker unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static void database(HubRuntime runtime, HealthCheckResultBuilder builder) {
        try (var connection = runtime.database().connection()) {
            if (connection.isValid(2)) {
                builder.up();
            } else {
                builder.down().message("database connection is not valid");
            }
        } catch (Exception e) {
            builder.down().message("database unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static void connector(HubRuntime runtime, String connector, HealthCheckResultBuilder builder) {
        builder.detail("type", runtime.connectorType(connector));
        runtime.quotas().quota(connector).ifPresent(q -> builder.detail("apiRequestsRemaining", q.remaining())
                .detail("apiRequestsLimit", q.limit()));
        var status = runtime.connectorHealth().status(connector);
        status.map(ConnectorHealth.Status::lastSuccess).ifPresent(t -> builder.detail("lastSuccess", t.toString()));
        if (status.isPresent() && !status.get().up()) {
            builder.detail("errorCode", status.get().failingCode())
                    .detail("failingSince", status.get().failingSince().toString())
                    .down().message("connector " + connector + " calls fail (" + status.get().failingCode() + ")");
            return;
        }
        builder.up();
    }

    private static void model(HubRuntime runtime, String key, LoadedModel model, HealthCheckResultBuilder builder) {
        var meta = model.backend().metadata();
        builder.detail("version", meta.version()).detail("backend", meta.backend());
        ModelCircuits.Circuit circuit = runtime.circuits().all().get(key);
        if (circuit != null) {
            builder.detail("circuit", circuit.state() == 1 ? "OPEN" : circuit.state() == 2 ? "HALF_OPEN" : "CLOSED");
        }
        if (model.backend().ready()) {
            builder.up();
        } else {
            builder.down().message("model " + key + " is not ready");
        }
    }

    private interface Probe {
        void probe(HealthCheckResultBuilder builder);
    }

    /** A readiness-only check in the {@code aihub} group. */
    private static final class ReadinessCheck extends AbstractHealthCheck {

        private final Probe probe;

        ReadinessCheck(String id, Probe probe) {
            super("aihub", id);
            this.probe = probe;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            probe.probe(builder);
        }
    }
}
