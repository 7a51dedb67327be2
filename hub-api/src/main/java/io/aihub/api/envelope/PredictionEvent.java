package io.aihub.api.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * A published prediction: CloudEvents 1.0 in structured JSON mode. Field names are the CloudEvents
 * attribute names, so Jackson writes the wire form directly.
 *
 * @param id      deterministic event id, see {@link EventIds}
 * @param source  {@code aihub/<route-id>}
 * @param subject the record id
 * @param time    when the prediction was made, RFC 3339
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data"})
public record PredictionEvent(String specversion, String id, String source, String type, String subject, String time,
        String datacontenttype, String dataschema, PredictionData data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String TYPE = "io.aihub.prediction.v1";
    public static final String CONTENT_TYPE = "application/json";
    public static final String SCHEMA_URI = "urn:aihub:schema:prediction:v1";
    /** Classpath location of the JSON Schema every published event validates against. */
    public static final String SCHEMA_RESOURCE = "/schemas/prediction-v1.schema.json";

    public PredictionEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!SPEC_VERSION.equals(specversion) || !TYPE.equals(type)) {
            throw new IllegalArgumentException("not an " + TYPE + " CloudEvents " + SPEC_VERSION + " event");
        }
        InstantText.parse(time);
    }

    /** Builds the event for a prediction made at {@code time}; the id is derived, never random. */
    public static PredictionEvent of(PredictionData data, Instant time) {
        String id = EventIds.of(data.route().id(), data.source().system(), data.source().entity(), data.source().id(),
                data.source().version(), data.prediction().modelVersion());
        return new PredictionEvent(SPEC_VERSION, id, "aihub/" + data.route().id(), TYPE, data.source().id(),
                time.toString(), CONTENT_TYPE, SCHEMA_URI, data);
    }
}
