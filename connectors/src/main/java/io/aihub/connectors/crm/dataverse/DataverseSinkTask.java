package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.sink.SinkTask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes allow-listed columns back with one {@code PATCH <entitySet>(<id>)} per record. Every PATCH carries
 * {@code If-Match}: the ETag the record was scored from ({@link SinkRecord#version()}) when {@code useEtag} is
 * on and the record has one, else {@code *}. So a write-back never creates a row (Dataverse's PATCH without
 * If-Match is an upsert) and never silently overwrites a newer version.
 *
 * <p>Per record: 204 is {@link SinkStatus#WRITTEN}; 404 is {@link SinkStatus#REJECTED} (the row is gone); 412 is
 * handled by the {@link DataverseConflictPolicy}; other 4xx are {@link SinkStatus#REJECTED} with Dataverse's
 * error code. Records for another entity set, with a non-GUID id, no fields, a column off the allow-list, a value
 * that is not text, a number, a boolean or null, or a malformed ETag are rejected without a call. A 5xx, a
 * timeout or a 429 that outlasts the waits throws a {@link io.aihub.api.error.RetriableException} for the whole
 * batch; rewriting the batch is safe because records written before get 412 and the {@code reread} policy then
 * finds their values in place.
 */
public final class DataverseSinkTask implements SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(DataverseSinkTask.class);

    /** Code of a 412 under the {@code skip} policy. */
    public static final String ETAG_MISMATCH = "ETAG_MISMATCH";
    /** Code of a 412 under the {@code reread} policy when the record no longer holds the scored version. */
    public static final String CHANGED_SINCE_SCORED = "CHANGED_SINCE_SCORED";

    private static final Pattern ETAG = Pattern.compile("(W/)?\"[^\"\\\\\\s]{1,100}\"");

    private final DataverseConnectionSettings settings;
    private final Set<String> allowed;
    private final boolean useEtag;
    private final DataverseConflictPolicy onConflict;
    private final DataverseSession session;

    DataverseSinkTask(DataverseConnectionSettings settings, List<String> allowedFields, boolean useEtag,
            DataverseConflictPolicy onConflict) {
        this.settings = settings;
        this.allowed = allowedFields.stream().map(f -> f.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.useEtag = useEtag;
        this.onConflict = Objects.requireNonNull(onConflict, "onConflict");
        this.session = new DataverseSession(settings, Clock.systemUTC());
    }

    /** Gets a token, so that bad credentials fail here rather than on the first write. */
    @Override
    public void start() {
        session.authenticate();
        LOG.info("AIHUB-DV-0006 Dataverse sink '{}' started for {} (If-Match: {}, on 412: {})",
                settings.instanceName(), settings.entitySet(), useEtag ? "scored ETag" : "*",
                onConflict.configValue());
    }

    @Override
    public List<SinkResult> put(List<SinkRecord> batch) {
        List<SinkResult> results = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            SinkResult refused = refusal(record);
            results.add(refused != null ? refused : write(record));
        }
        LOG.debug("Dataverse sink '{}' wrote a batch of {}", settings.instanceName(), batch.size());
        return results;
    }

    @Override
    public void stop() {
        session.close();
    }

    private SinkResult write(SinkRecord record) {
        String ifMatch = useEtag && record.version() != null ? record.version() : "*";
        DataverseSession.Response response = session.send("update", "PATCH", entityUrl(record.recordId()),
                Map.of("If-Match", ifMatch), body(record));
        int status = response.status();
        if (response.ok()) {
            return SinkResult.written(record.recordId());
        }
        if (status == 412) {
            return onConflict == DataverseConflictPolicy.SKIP
                    ? new SinkResult(record.recordId(), SinkStatus.CONFLICT, ETAG_MISMATCH, "the record changed since"
                            + " it was scored (If-Match " + ifMatch + " no longer holds); not written")
                    : reread(record, ifMatch);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            DataverseErrors.ODataError error = DataverseErrors.read(response.body());
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, error.code(), "Dataverse refused the"
                    + " update with HTTP " + status + ": " + error.describe());
        }
        throw DataverseErrors.failure(settings.instanceName(), "update", status, response.body());
    }

    private SinkResult reread(SinkRecord record, String ifMatch) {
        String url = entityUrl(record.recordId()) + "?$select="
                + URLEncoder.encode(String.join(",", record.fields().keySet()), StandardCharsets.UTF_8);
        DataverseSession.Response response = session.send("re-read", "GET", url, Map.of(), null);
        if (response.status() == 404) {
            DataverseErrors.ODataError error = DataverseErrors.read(response.body());
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, error.code(), "the record was deleted"
                    + " after it was scored: " + error.describe());
        }
        if (!response.ok()) {
            throw DataverseErrors.failure(settings.instanceName(), "re-read", response.status(), response.body());
        }
        JsonNode current = DataverseErrors.json(settings.instanceName(), "re-read", response.body());
        boolean holdsValues = record.fields().entrySet().stream()
                .allMatch(field -> sameValue(field.getValue(), current.get(field.getKey())));
        if (holdsValues) {
            return new SinkResult(record.recordId(), SinkStatus.SKIPPED_UNCHANGED, null, null);
        }
        return new SinkResult(record.recordId(), SinkStatus.CONFLICT, CHANGED_SINCE_SCORED, "the record changed"
                + " since it was scored (If-Match " + ifMatch + ", now " + current.path("@odata.etag").asText("?")
                + "); not written, its new version will be read and scored again");
    }

    static boolean sameValue(Object wanted, JsonNode current) {
        if (current == null || current.isNull()) {
            return wanted == null;
        }
        if (wanted instanceof Number number) {
            return current.isNumber() && Double.compare(number.doubleValue(), current.doubleValue()) == 0;
        }
        if (wanted instanceof Boolean flag) {
            return current.isBoolean() && current.booleanValue() == flag;
        }
        return wanted instanceof String text && current.isTextual() && current.textValue().equals(text);
    }

    private String entityUrl(String id) {
        return settings.apiRoot() + settings.entitySet() + "(" + id + ")";
    }

    private static byte[] body(SinkRecord record) {
        ObjectNode body = DataverseJson.MAPPER.createObjectNode();
        record.fields().forEach((name, value) -> body.set(name, DataverseJson.MAPPER.valueToTree(value)));
        try {
            return DataverseJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the update body cannot be written as JSON", e);
        }
    }

    private SinkResult refusal(SinkRecord record) {
        String id = record.recordId();
        if (!record.entity().equalsIgnoreCase(settings.entitySet())) {
            return new SinkResult(id, SinkStatus.REJECTED, "ENTITY_NOT_CONFIGURED",
                    "this sink writes " + settings.entitySet() + " records, not " + record.entity());
        }
        if (!DataversePosition.isGuid(id)) {
            return new SinkResult(id, SinkStatus.REJECTED, "INVALID_ID", "the record id is not a GUID");
        }
        if (record.fields().isEmpty()) {
            return new SinkResult(id, SinkStatus.REJECTED, "NO_FIELDS", "the write has no fields");
        }
        List<String> refused = record.fields().keySet().stream()
                .filter(f -> !allowed.contains(f.toLowerCase(Locale.ROOT))).sorted().toList();
        if (!refused.isEmpty()) {
            return new SinkResult(id, SinkStatus.REJECTED, "FIELD_NOT_ALLOWED",
                    "field(s) not on the allow-list: " + String.join(", ", refused));
        }
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            Object value = field.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                return new SinkResult(id, SinkStatus.REJECTED, "UNSUPPORTED_VALUE_TYPE", "field " + field.getKey()
                        + " holds a " + value.getClass().getSimpleName()
                        + "; only text, numbers, booleans and null can be written");
            }
        }
        if (useEtag && record.version() != null && !ETAG.matcher(record.version()).matches()) {
            return new SinkResult(id, SinkStatus.REJECTED, "INVALID_ETAG", "the record version is not an ETag");
        }
        return null;
    }
}
