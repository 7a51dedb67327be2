package io.aihub.routes.component.sink;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.sink.SinkTask;
import io.aihub.routes.component.ExchangeKeys;
import io.aihub.routes.flow.DeadLetter;
import io.aihub.routes.flow.WriteBackMapping;
import io.aihub.routes.observe.LogContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of predictions back into the source system. Written and unchanged records count as
 * written back; rejected and conflicting ones become dead letters with the system's reason; a retriable
 * per-record failure fails the batch, so the broker redelivers it (the sink is idempotent).
 */
final class AihubSinkProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AihubSinkProducer.class);

    private final AihubSinkEndpoint endpoint;
    private final WriteBackMapping mapping;
    private SinkTask task;

    AihubSinkProducer(AihubSinkEndpoint endpoint, WriteBackMapping mapping) {
        super(endpoint);
        this.endpoint = endpoint;
        this.mapping = mapping;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        task = endpoint.runtime().createSinkTask(endpoint.getConnector());
        task.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (task != null) {
            task.stop();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<PredictionEvent> events = exchange.getMessage().getMandatoryBody(List.class);
        String routeId = exchange.getMessage().getHeader(ExchangeKeys.ROUTE_ID, String.class);
        @SuppressWarnings("unchecked")
        java.util.Set<String> redelivered = exchange.getMessage().getHeader(ExchangeKeys.REDELIVERED,
                java.util.Set.of(), java.util.Set.class);
        List<SinkRecord> records = new ArrayList<>(events.size());
        for (PredictionEvent event : events) {
            SinkRecord record = mapping.toSinkRecord(event);
            records.add(redelivered.contains(event.id()) ? record.asRedelivered() : record);
        }
        List<SinkResult> results = put(records);
        if (results.size() != records.size()) {
            throw new PermanentException("SINK_INVALID_RESULT", "sink " + endpoint.getConnector() + " returned "
                    + results.size() + " results for " + records.size() + " records");
        }
        long written = 0;
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SinkResult result = results.get(i);
            if (result.status() == SinkStatus.RETRIABLE_FAILURE) {
                throw new RetriableException("SINK_RETRIABLE", "sink " + endpoint.getConnector()
                        + " could not write record " + result.recordId() + " for now: " + result.code());
            }
            if (result.isSuccess()) {
                written++;
            } else {
                letters.add(deadLetter(routeId, events.get(i), result));
                try (var scope = LogContext.record(result.recordId(), events.get(i).id())) {
                    LOG.debug("write-back to {} refused: {} ({})", endpoint.getConnector(), result.status(),
                            result.code());
                }
            }
        }
        if (routeId != null) {
            endpoint.runtime().counters().route(routeId).writtenBack.add(written);
        }
        if (!letters.isEmpty()) {
            exchange.setProperty(ExchangeKeys.DEAD_LETTERS, letters);
        }
    }

    /** Writes the batch and tells the connector's health check how the call went. */
    private List<SinkResult> put(List<SinkRecord> records) {
        var health = endpoint.runtime().connectorHealth();
        try {
            List<SinkResult> results = task.put(records);
            health.succeeded(endpoint.getConnector());
            return results;
        } catch (RuntimeException e) {
            health.failed(endpoint.getConnector(), e);
            throw e;
        }
    }

    private DeadLetter deadLetter(String routeId, PredictionEvent event, SinkResult result) {
        var source = event.data().source();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.id());
        body.put("recordId", source.id());
        body.put("status", result.status().name());
        var error = new PermanentException(result.code() == null ? "SINK_" + result.status().name() : result.code(),
                "write-back to " + endpoint.getConnector() + " " + result.status().name().toLowerCase()
                        + (result.reason() == null ? "" : ": " + result.reason()));
        return new DeadLetter(event.id() + "/write-back", source.id(), source.system(), source.entity(), error,
                "write-back", body);
    }
}
