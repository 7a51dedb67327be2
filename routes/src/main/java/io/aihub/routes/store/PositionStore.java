package io.aihub.routes.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.source.SourcePosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/** Stores the last committed position of each route's source, keyed by {@code <route-id>/<source>}. */
public final class PositionStore {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public PositionStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The committed position, or {@link SourcePosition#START} when none was committed yet. */
    public SourcePosition load(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT position_json FROM aihub_source_positions WHERE position_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return SourcePosition.START;
                }
                return new SourcePosition(json.readValue(rs.getString(1), MAP));
            }
        } catch (SQLException e) {
            throw new RetriableException("DB_UNAVAILABLE", "cannot read source position " + key, e);
        } catch (JsonProcessingException e) {
            throw new PermanentException("POSITION_CORRUPT", "stored source position " + key + " is not valid JSON", e);
        }
    }

    /** Commits a position; the caller has already delivered everything before it. */
    public void commit(String key, SourcePosition position) {
        String text;
        try {
            text = json.writeValueAsString(position.values());
        } catch (JsonProcessingException e) {
            throw new PermanentException("POSITION_WRITE", "cannot serialise source position " + key, e);
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE aihub_source_positions SET position_json = ?, updated_at = ? WHERE position_key = ?")) {
                update.setString(1, text);
                update.setTimestamp(2, now);
                update.setString(3, key);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO aihub_source_positions (position_key, position_json, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, text);
                insert.setTimestamp(3, now);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new RetriableException("DB_UNAVAILABLE", "cannot commit source position " + key, e);
        }
    }
}
