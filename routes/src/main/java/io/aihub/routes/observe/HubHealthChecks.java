package io.aihub.routes.observe;

import io.aihub.routes.HubRuntime;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness checks of the parts the hub depends on: the broker, the database, and each model. A model that
 * is down is reported on its own check, so the rest of the hub stays visible as ready.
 */
public final class HubHealthChecks {

    private HubHealthChecks() {
    }

    /** The checks for a started runtime. */
    public static List<HealthCheck> of(HubRuntime runtime) {
        List<HealthCheck> checks = new java.util.ArrayList<>();
        checks.add(new ReadinessCheck("broker", builder -> {
            var link = runtime.brokerLink();
            var downSince = link == null ? java.util.Optional.<java.time.Instant>empty() : link.downSince();
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
        }));
        checks.add(new ReadinessCheck("database", builder -> {
            try (var connection = runtime.database().connection()) {
                if (connection.isValid(2)) {
                    builder.up();
                } else {
                    builder.down().message("database connection is not valid");
                }
            } catch (Exception e) {
                builder.down().message("database unreachable: " + e.getClass().getSimpleName());
            }
        }));
        for (String model : runtime.modelNames()) {
            checks.add(new ReadinessCheck("model-" + model, builder -> {
                var meta = runtime.model(model).backend().metadata();
                builder.detail("version", meta.version()).detail("backend", meta.backend());
                if (runtime.model(model).backend().ready()) {
                    builder.up();
                } else {
                    builder.down().message("model " + model + " is not ready");
                }
            }));
        }
        return checks;
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
