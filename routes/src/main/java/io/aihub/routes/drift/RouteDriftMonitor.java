package io.aihub.routes.drift;

import io.aihub.api.model.FeatureRow;
import io.aihub.model.LoadedModel;
import io.aihub.model.TrainingSummary;
import io.aihub.model.drift.DriftWindow;
import io.aihub.model.drift.FeatureDrift;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import io.aihub.routes.flow.ScoredPage;
import io.aihub.routes.flow.ScoredRecord;
import io.aihub.routes.store.DriftReportRow;
import io.aihub.routes.store.DriftReportTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one route's drift: the published records of each model version fill a window (tumbling: a closed
 * window starts a new one); a closed window is compared with that version's training statistics
 * ({@link DriftWindow}), one {@code drift_reports} row per feature and the score is written, and when any of them
 * is above the threshold a drift event is published. Records given a fallback score are left out. A version
 * whose descriptor has no bins is not measured. Windows live in memory: a stopped hub drops its open windows.
 * Called from the route's thread only.
 *
 * <p>Drift never fails a page: the page is already published when it is measured, so a failure to store a
 * report or publish an event is logged and the window is dropped.
 */
public final class RouteDriftMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(RouteDriftMonitor.class);

    private final String routeId;
    private final String modelName;
    private final Function<String, LoadedModel> versions;
    private final Map<String, String> renames;
    private final DriftSettings settings;
    private final DriftReportTable reports;
    private final DriftEventPublisher events;
    private final Clock clock;
    private final Map<String, OpenWindow> windows = new HashMap<>();
    private final Set<String> unmeasured = new HashSet<>();

    /**
     * @param versions a model version's loaded model (mapping and training statistics)
     * @param renames  the route's field renames ({@code <model field>=<record field>})
     */
    public RouteDriftMonitor(String routeId, String modelName, Function<String, LoadedModel> versions,
            Map<String, String> renames, DriftSettings settings, DriftReportTable reports, DriftEventPublisher events,
            Clock clock) {
        this.routeId = routeId;
        this.modelName = modelName;
        this.versions = versions;
        this.renames = Map.copyOf(renames);
        this.settings = settings;
        this.reports = reports;
        this.events = events;
        this.clock = clock;
    }

    /** Adds a published page's scored records to their versions' windows, closing the full ones. */
    public void observe(ScoredPage page) {
        Instant now = clock.instant();
        for (ScoredRecord record : page.scored()) {
            if (record.fallback() != null) {
                continue;
            }
            String version = record.model() != null ? record.model().version() : page.model().version();
            OpenWindow window = window(version, now);
            if (window != null) {
                window.add(record);
                window.last = now;
            }
        }
        for (OpenWindow window : List.copyOf(windows.values())) {
            boolean full = window.drift.records() >= settings.windowRecords();
            boolean old = settings.windowSeconds() > 0 && window.drift.records() >= settings.minRecords()
                    && !now.isBefore(window.opened.plus(Duration.ofSeconds(settings.windowSeconds())));
            if (full || old) {
                windows.remove(window.version);
                close(window);
            }
        }
    }

    private OpenWindow window(String version, Instant now) {
        OpenWindow open = windows.get(version);
        if (open != null || unmeasured.contains(version)) {
            return open;
        }
        LoadedModel model = versions.apply(version);
        TrainingSummary training = model.descriptor().training();
        if (!DriftWindow.measurable(training)) {
            unmeasured.add(version);
            LOG.info("AIHUB-DRIFT-0003 route {}: model {} {} has no training bins in its model.yaml; drift is not"
                    + " measured for it", routeId, modelName, version);
            return null;
        }
        open = new OpenWindow(version, model.mapping().withSourceFields(renames), new DriftWindow(training), now);
        windows.put(version, open);
        return open;
    }

    private void close(OpenWindow window) {
        List<DriftReportRow> rows = new ArrayList<>();
        for (FeatureDrift d : window.drift.measure()) {
            rows.add(new DriftReportRow(routeId, modelName, window.version, window.opened, window.last,
                    window.drift.records(), d.feature(), d.psi(), d.missingRate(), d.outOfRangeRate(),
                    settings.psiThreshold(), d.psi() > settings.psiThreshold()));
        }
        List<String> drifted = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::feature).toList();
        try {
            reports.insert(rows);
            if (!drifted.isEmpty()) {
                events.publish(rows);
                LOG.warn("AIHUB-DRIFT-0001 route {}: model {} {} drifted on {} over {} records (PSI above {})",
                        routeId, modelName, window.version, drifted, window.drift.records(), settings.psiThreshold());
            }
        } catch (Exception e) {
            LOG.warn("AIHUB-DRIFT-0002 route {}: drift window of {} records not reported: {}", routeId,
                    window.drift.records(), e.toString());
        }
    }

    /** One version's open window. */
    private static final class OpenWindow {
        private final String version;
        private final FeatureMapping mapping;
        private final DriftWindow drift;
        private final Instant opened;
        private Instant last;

        OpenWindow(String version, FeatureMapping mapping, DriftWindow drift, Instant opened) {
            this.version = version;
            this.mapping = mapping;
            this.drift = drift;
            this.opened = opened;
            this.last = opened;
        }

        void add(ScoredRecord record) {
            Map<String, Object> fields = record.record().fields();
            FeatureRow row;
            try {
                row = mapping.map(fields);
            } catch (RuntimeException e) {
                return;
            }
            Map<String, Number> mapped = new HashMap<>();
            row.values().forEach((name, value) -> {
                if (value instanceof Number n) {
                    mapped.put(name, n);
                }
            });
            Set<String> missing = new HashSet<>();
            for (FeatureDefinition definition : mapping.definitions()) {
                for (String field : definition.sourceFields()) {
                    if (fields.get(field) == null) {
                        missing.add(definition.name());
                    }
                }
            }
            drift.add(mapped, missing, record.prediction().score());
        }
    }
}
