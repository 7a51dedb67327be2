package io.aihub.routes.api;

import io.aihub.model.ModelDescriptor;
import io.aihub.model.ModelRegistry;
import io.aihub.model.SemanticVersion;
import io.aihub.routes.HubRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/models}: each model the hub loaded or a route names, every version folder on disk with its
 * training summary and holdout metrics from {@code model.yaml}, the role each version plays on each route
 * (champion, shadow, canary), and what the BI tables say about them live: predictions and mean score per
 * version, and champion-versus-shadow agreement. Remote endpoints and their settings are never shown.
 */
final class ModelCatalogView {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalogView.class);

    private final HubRuntime runtime;
    private final HubRoutes routes;

    ModelCatalogView(HubRuntime runtime, HubRoutes routes) {
        this.runtime = runtime;
        this.routes = routes;
    }

    /** Whether the hub knows a model by this name. */
    boolean knows(String name) {
        return names(routes.all()).contains(name);
    }

    Map<String, Object> render() {
        List<HubRoutes.HubRoute> all = routes.all();
        List<Map<String, Object>> models = new ArrayList<>();
        for (String name : names(all)) {
            models.add(model(name, all));
        }
        return Map.of("models", models);
    }

    private TreeSet<String> names(List<HubRoutes.HubRoute> all) {
        TreeSet<String> names = new TreeSet<>(runtime.modelNames());
        all.forEach(r -> {
            if (r.parameter("model") != null) {
                names.add(r.parameter("model"));
            }
        });
        return names;
    }

    private Map<String, Object> model(String name, List<HubRoutes.HubRoute> all) {
        Path modelsDir = runtime.settings().modelsDir();
        String loaded = runtime.modelNames().contains(name)
                ? runtime.model(name).backend().metadata().version() : null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("loadedVersion", loaded);
        m.put("backend", loaded == null ? null : runtime.model(name).backend().metadata().backend());
        Map<String, Map<String, Object>> live = liveByVersion(name);
        List<Map<String, Object>> versions = new ArrayList<>();
        for (SemanticVersion v : ModelRegistry.versions(modelsDir, name)) {
            String version = v.toString();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", version);
            entry.put("roles", roles(name, version, loaded, all));
            describe(modelsDir.resolve(name).resolve(version).resolve(ModelDescriptor.FILE_NAME), entry);
            entry.put("live", live.get(version));
            versions.add(entry);
        }
        m.put("versions", versions);
        m.put("shadowComparison", shadowComparison(name));
        return m;
    }

    private static void describe(Path file, Map<String, Object> entry) {
        if (!Files.isRegularFile(file)) {
            entry.put("problem", "no " + ModelDescriptor.FILE_NAME);
            return;
        }
        try {
            ModelDescriptor d = ModelDescriptor.read(file);
            entry.put("backend", d.backend());
            entry.put("features", d.features().size());
            if (d.training() != null) {
                entry.put("training", RouteStatusView.ordered("rows", d.training().rows(), "seed",
                        d.training().seed(), "holdoutFraction", d.training().holdoutFraction(), "trainedAt",
                        d.training().trainedAt()));
            }
            if (d.metrics() != null) {
                entry.put("metrics", RouteStatusView.ordered("auc", d.metrics().auc(), "accuracy",
                        d.metrics().accuracy(), "logLoss", d.metrics().logLoss(), "positiveRate",
                        d.metrics().positiveRate(), "holdoutRows", d.metrics().holdoutRows()));
            }
        } catch (RuntimeException e) {
            entry.put("problem", "model.yaml cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** Which routes use this version, and how. */
    private static List<Map<String, Object>> roles(String model, String version, String loaded,
            List<HubRoutes.HubRoute> all) {
        List<Map<String, Object>> roles = new ArrayList<>();
        for (HubRoutes.HubRoute r : all) {
            if (!model.equals(r.parameter("model"))) {
                continue;
            }
            String pinned = r.parameter("version");
            if (version.equals(pinned == null ? loaded : pinned)) {
                roles.add(RouteStatusView.ordered("route", r.id(), "role", "champion"));
            }
            if (version.equals(r.parameter("shadow"))) {
                roles.add(RouteStatusView.ordered("route", r.id(), "role", "shadow"));
            }
            String canary = r.parameter("canary");
            if (canary != null && canary.startsWith(version + ":")) {
                roles.add(RouteStatusView.ordered("route", r.id(), "role", "canary", "percent",
                        canary.substring(version.length() + 1)));
            }
        }
        return roles;
    }

    private Map<String, Map<String, Object>> liveByVersion(String model) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        String sql = "SELECT model_version, COUNT(*), AVG(score), SUM(CASE WHEN fallback IS NULL THEN 0 ELSE 1 END)"
                + " FROM predictions WHERE model = ? GROUP BY model_version";
        try (Connection c = runtime.database().connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, model);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(2);
                    out.put(rs.getString(1), RouteStatusView.ordered("predictions", n, "meanScore",
                            rs.getDouble(3), "fallbackRate", n == 0 ? 0.0 : rs.getLong(4) / (double) n));
                }
            }
        } catch (SQLException e) {
            LOG.warn("AIHUB-API-0005 live figures of model {} unavailable: {}", model, e.getClass().getSimpleName());
        }
        return out;
    }

    private List<Map<String, Object>> shadowComparison(String model) {
        List<Map<String, Object>> out = new ArrayList<>();
        String sql = "SELECT p.route_id, p.model_version, s.model_version, COUNT(*), AVG(ABS(p.score - s.score)),"
                + " SUM(CASE WHEN p.label = s.label THEN 1 ELSE 0 END), AVG(p.score), AVG(s.score)"
                + " FROM predictions p JOIN prediction_shadows s ON s.event_id = p.event_id WHERE p.model = ?"
                + " GROUP BY p.route_id, p.model_version, s.model_version ORDER BY p.route_id, s.model_version";
        try (Connection c = runtime.database().connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, model);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(4);
                    out.add(RouteStatusView.ordered("route", rs.getString(1), "champion", rs.getString(2),
                            "challenger", rs.getString(3), "records", n, "meanAbsScoreDifference", rs.getDouble(5),
                            "labelAgreement", n == 0 ? 0.0 : rs.getLong(6) / (double) n, "championMeanScore",
                            rs.getDouble(7), "challengerMeanScore", rs.getDouble(8)));
                }
            }
        } catch (SQLException e) {
            LOG.warn("AIHUB-API-0010 shadow comparison of model {} unavailable: {}", model,
                    e.getClass().getSimpleName());
        }
        return out;
    }
}
