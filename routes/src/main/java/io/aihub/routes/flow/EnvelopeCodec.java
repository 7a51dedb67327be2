package io.aihub.routes.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.PermanentException;
import io.aihub.api.json.HubJson;

/** Reads and writes prediction events as CloudEvents structured JSON, with the hub's read limits
 * ({@link HubJson}: depth 64, strings 1 MB, documents 4 MB). */
public final class EnvelopeCodec {

    /** The largest envelope read, in bytes. */
    static final long MAX_DOCUMENT_BYTES = 4_000_000;

    private final ObjectMapper mapper;

    public EnvelopeCodec() {
        this.mapper = HubJson.mapperBuilder(MAX_DOCUMENT_BYTES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    public String write(PredictionEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new PermanentException("ENVELOPE_WRITE", "cannot serialise prediction event " + event.id(), e);
        }
    }

    /** Writes any plain value tree (maps, lists, strings, numbers) as JSON. */
    public String writeJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PermanentException("JSON_WRITE", "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public PredictionEvent read(String json) {
        try {
            return mapper.readValue(json, PredictionEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PermanentException("ENVELOPE_INVALID",
                    "message is not a valid io.aihub.prediction.v1 event: " + e.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
