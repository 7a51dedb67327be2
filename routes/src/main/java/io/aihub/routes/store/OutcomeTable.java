package io.aihub.routes.store;

import io.aihub.api.error.RetriableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes observed outcomes into {@code prediction_outcomes}, one row per scoring route and record: a new outcome
 * is inserted, a changed one (a corrected label) replaces the row, and one read again unchanged is left alone, so
 * re-reading a source page changes nothing.
 */
public final class OutcomeTable {

    private static final String UPDATE = "UPDATE prediction_outcomes SET source_system = ?, entity = ?, "
            + "outcome_label = ?, outcome_positive = ?, observed_at = ?, source = ?, record_version = ?, "
            + "recorded_at = ? WHERE route_id = ? AND record_id = ? AND (outcome_label <> ? OR observed_at <> ?)";
    private static final String INSERT = "INSERT INTO prediction_outcomes (route_id, record_id, source_system, "
            + "entity, outcome_label, outcome_positive, observed_at, source, record_version, recorded_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;

    public OutcomeTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a batch in one database transaction.
     *
     * @return how many rows were inserted or changed
     * @throws RetriableException {@code DB_UNAVAILABLE} when the database cannot take them now
     */
    public int upsert(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(UPDATE);
                    PreparedStatement insert = c.prepareStatement(INSERT)) {
                int changed = 0;
                for (Outcome o : outcomes) {
                    Timestamp observed = Timestamp.from(o.observedAt());
                    int i = 1;
                    update.setString(i++, o.sourceSystem());
                    update.setString(i++, o.entity());
                    update.setString(i++, o.label());
                    update.setBoolean(i++, o.positive());
                    update.setTimestamp(i++, observed);
                    update.setString(i++, o.source());
                    update.setString(i++, o.recordVersion());
                    update.setTimestamp(i++, now);
                    update.setString(i++, o.routeId());
                    update.setString(i++, o.recordId());
                    update.setString(i++, o.label());
                    update.setTimestamp(i, observed);
                    int updated = update.executeUpdate();
                    if (updated == 0) {
                        i = 1;
                        insert.setString(i++, o.routeId());
                        insert.setString(i++, o.recordId());
                        insert.setString(i++, o.sourceSystem());
                        insert.setString(i++, o.entity());
                        insert.setString(i++, o.label());
                        insert.setBoolean(i++, o.positive());
                        insert.setTimestamp(i++, observed);
                        insert.setString(i++, o.source());
                        insert.setString(i++, o.recordVersion());
                        insert.setTimestamp(i, now);
                        updated = insert.executeUpdate();
                    }
                    changed += updated;
                }
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RetriableException("DB_UNAVAILABLE", "cannot store " + outcomes.size() + " outcome(s): "
                    + e.getSQLState(), e);
        }
    }
}
