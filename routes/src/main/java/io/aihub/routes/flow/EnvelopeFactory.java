package io.aihub.routes.flow;

import io.aihub.api.envelope.PredictionBlock;
import io.aihub.api.envelope.PredictionData;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.envelope.RouteBlock;
import io.aihub.api.envelope.SourceBlock;
import io.aihub.api.model.ModelMetadata;
import io.aihub.routes.privacy.SensitiveFields;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Builds the prediction event for a scored record of one route. */
public final class EnvelopeFactory {

    private final String routeId;
    private final String hubVersion;
    private final Clock clock;
    private final SensitiveFields sensitive;

    public EnvelopeFactory(String routeId, String hubVersion, Clock clock) {
        this(routeId, hubVersion, clock, SensitiveFields.NONE);
    }

    /** Builds envelopes whose record block has the route's {@code sensitive} fields masked, hashed or dropped. */
    public EnvelopeFactory(String routeId, String hubVersion, Clock clock, SensitiveFields sensitive) {
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.hubVersion = Objects.requireNonNull(hubVersion, "hubVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sensitive = Objects.requireNonNull(sensitive, "sensitive");
    }

    /** The event for a record scored by {@code model}, read through a connector of type {@code connectorType}. */
    public PredictionEvent envelope(ScoredRecord scored, ModelMetadata pageModel, String connectorType) {
        ModelMetadata model = scored.model() == null ? pageModel : scored.model();
        var record = scored.record();
        var source = new SourceBlock(record.system(), connectorType, record.entity(), record.id(), record.version(),
                record.modifiedAt() == null ? null : record.modifiedAt().toString());
        var prediction = scored.prediction();
        var block = new PredictionBlock(model.name(), model.version(), model.backend(), prediction.label(),
                prediction.score(), prediction.scores(), scored.latencyMs(), scored.inputHash(), scored.fallback(),
                scored.shadow(), prediction.usage());
        var data = new PredictionData(source, sensitive.protect(scored.usedFields()), block,
                new RouteBlock(routeId, hubVersion));
        return PredictionEvent.of(data, clock.instant());
    }
}
