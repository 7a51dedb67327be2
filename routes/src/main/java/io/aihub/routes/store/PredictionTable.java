package io.aihub.routes.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.envelope.InstantText;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes prediction events into the BI table {@code predictions}, one row per event id, with the tokens a chat
 * model used ({@code prompt_tokens}, {@code completion_tokens}; null for other models). For a model with several
 * outputs, {@code label} and {@code score} are the first output's and {@code scores_json} holds every output (the
 * envelope's {@code prediction.outputs} block), since the schema's migrations belong to the BI work. Idempotent: an
 * event already stored is skipped, so redelivered messages never make a second row.
 */
public final class PredictionTable {

    private static final String INSERT = "INSERT INTO predictions (event_id, route_id, source_system, "
            + "source_connector, entity, record_id, record_version, record_modified_at, model, model_version, backend, "
            + "label, score, scores_json, latency_ms, input_hash, fallback, predicted_at, hub_version, stored_at, "
            + "prompt_tokens, completion_tokens) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_SHADOW = "INSERT INTO prediction_shadows (event_id, model, model_version, "
            + "label, score) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public PredictionTable(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Stores a batch in one database transaction.
     *
     * @return how many rows were new (the rest were already stored)
     */
    public int upsert(List<PredictionEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (PredictionEvent event : events) {
                    bind(s, event, now);
                    s.addBatch();
                }
                int inserted = 0;
                for (int count : s.executeBatch()) {
                    inserted += Math.max(count, 0);
                }
                insertShadows(c, events);
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RetriableException("DB_UNAVAILABLE", "cannot store " + events.size() + " prediction(s): "
                    + e.getSQLState(), e);
        }
    }

    private static void insertShadows(Connection c, List<PredictionEvent> events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_SHADOW)) {
            int rows = 0;
            for (PredictionEvent event : events) {
                for (var shadow : event.data().prediction().shadow()) {
                    s.setString(1, event.id());
                    s.setString(2, shadow.model());
                    s.setString(3, shadow.modelVersion());
                    s.setString(4, shadow.label());
                    s.setDouble(5, shadow.score());
                    s.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                s.executeBatch();
            }
        }
    }

    private void bind(PreparedStatement s, PredictionEvent event, Timestamp now) throws SQLException {
        var d = event.data();
        var p = d.prediction();
        int i = 1;
        s.setString(i++, event.id());
        s.setString(i++, d.route().id());
        s.setString(i++, d.source().system());
        s.setString(i++, d.source().connector());
        s.setString(i++, d.source().entity());
        s.setString(i++, d.source().id());
        s.setString(i++, d.source().version());
        if (d.source().modifiedAt() == null) {
            s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setTimestamp(i++, Timestamp.from(InstantText.parse(d.source().modifiedAt())));
        }
        s.setString(i++, p.model());
        s.setString(i++, p.modelVersion());
        s.setString(i++, p.backend());
        s.setString(i++, p.label());
        s.setDouble(i++, p.score());
        s.setString(i++, scoresJson(p.outputs().isEmpty() ? p.scores() : p.outputs()));
        s.setLong(i++, p.latencyMs());
        s.setString(i++, p.inputHash());
        s.setString(i++, p.fallback());
        s.setTimestamp(i++, Timestamp.from(InstantText.parse(event.time())));
        s.setString(i++, d.route().hubVersion());
        s.setTimestamp(i++, now);
        if (p.usage() == null) {
            s.setNull(i++, Types.BIGINT);
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i++, p.usage().promptTokens());
            s.setLong(i, p.usage().completionTokens());
        }
    }

    private String scoresJson(Object scores) {
        try {
            return json.writeValueAsString(scores);
        } catch (JsonProcessingException e) {
            throw new PermanentException("BI_WRITE", "cannot serialise scores", e);
        }
    }
}
