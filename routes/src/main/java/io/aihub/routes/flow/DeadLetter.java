package io.aihub.routes.flow;

import io.aihub.api.envelope.EventIds;
import io.aihub.api.error.AihubException;
import io.aihub.api.source.RejectedRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message for a route's dead-letter queue: the failed item as the body, the reason as headers.
 *
 * <p>Steps: {@value #STEP_READ} (the source could read the record only as far as its id), {@code map},
 * {@code score}, {@code write-back}, {@code receive:<subscriber>}.
 *
 * @param id       deterministic id (duplicate detection on re-read)
 * @param recordId the record the failure is about
 * @param system   the source system
 * @param entity   the record's entity
 * @param error    the reason; its message never holds payload values
 * @param step     the route step that failed
 * @param body     the item that failed, kept so it can be replayed (never logged)
 */
public record DeadLetter(String id, String recordId, String system, String entity, AihubException error, String step,
        Map<String, Object> body) {

    /** The step of a record the source could not read beyond its id. */
    public static final String STEP_READ = "read";

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(step, "step");
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** The dead letter for a source record that could not be mapped or scored. */
    public static DeadLetter of(String routeId, FailedRecord failed) {
        return of(routeId, failed, null);
    }

    /**
     * The dead letter for a source record that could not be mapped or scored again after a replay.
     *
     * @param replay the replay that sent the record back, or null for a record read from its source; it makes
     *               the dead letter's id differ from the first one's
     */
    public static DeadLetter of(String routeId, FailedRecord failed, String replay) {
        var r = failed.record();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("system", r.system());
        body.put("entity", r.entity());
        body.put("id", r.id());
        body.put("version", r.version());
        body.put("modifiedAt", r.modifiedAt() == null ? null : r.modifiedAt().toString());
        body.put("fields", r.fields());
        String id = EventIds.of(routeId, r.system(), r.entity(), r.id(), r.version(), "dead-letter:" + failed.step() + (replay == null ? "" : ":replay:" + replay));
        return new DeadLetter(id, r.id(), r.system(), r.entity(), failed.error(), failed.step(), body);
    }

    /**
     * The dead letter for a record the source could read only as far as its id. Its body names the record
     * ({@code system}, {@code entity}, {@code id}, {@code version} or null, {@code unreadable: true}) and holds
     * no fields: the record has to be read again from its source once it is fixed there.
     */
    public static DeadLetter ofRejected(String routeId, RejectedRecord rejected) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("system", rejected.system());
        body.put("entity", rejected.entity());
        body.put("id", rejected.id());
        body.put("version", rejected.version());
        body.put("unreadable", true);
        String id = EventIds.of(routeId, rejected.system(), rejected.entity(), rejected.id(),
                rejected.version() == null ? "" : rejected.version(), "dead-letter:" + STEP_READ);
        return new DeadLetter(id, rejected.id(), rejected.system(), rejected.entity(), rejected.error(), STEP_READ,
                body);
    }
}
