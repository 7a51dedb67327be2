package io.aihub.api.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code data} of a prediction event.
 *
 * @param source     where the record came from, and which version of it was scored
 * @param record     the input fields the mapping used (masked where configured)
 * @param prediction what the model said
 * @param route      which route made it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"source", "record", "prediction", "route"})
public record PredictionData(SourceBlock source, Map<String, Object> record, PredictionBlock prediction,
        RouteBlock route) {

    public PredictionData {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(route, "route");
        record = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(record, "record")));
    }
}
