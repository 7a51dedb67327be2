package io.aihub.routes.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.model.TokenUsage;
import io.aihub.api.source.SourcePosition;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.flow.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PredictionTableTest {

    private HubDatabase database;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @BeforeEach
    void open() {
        database = HubDatabase.open("jdbc:h2:mem:" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa", "");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldStoreEachEventOnceAndCountOnlyNewRows() throws Exception {
        PredictionTable table = new PredictionTable(database.dataSource(), codec.mapper());
        PredictionEvent a = TestEvents.event("r", "001A", 0.7);
        PredictionEvent b = TestEvents.event("r", "001B", 0.2);

        assertThat(table.upsert(List.of(a, b))).isEqualTo(2);
        assertThat(table.upsert(List.of(a, b, a))).isZero();

        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT event_id, score, model_version FROM predictions ORDER BY score")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(b.id());
            assertThat(rs.getDouble(2)).isEqualTo(0.2);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(a.id());
            assertThat(rs.getString(3)).isEqualTo("1.0.0");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void shouldStoreTokenUsageAndLeaveItNullForModelsWithoutIt() throws Exception {
        PredictionTable table = new PredictionTable(database.dataSource(), codec.mapper());
        PredictionEvent chat = TestEvents.event("r", "001A", 0.7, new TokenUsage(412, 38));
        PredictionEvent onnx = TestEvents.event("r", "001B", 0.2);

        // Through the codec, as the BI subscriber receives them from the broker.
        table.upsert(List.of(codec.read(codec.write(chat)), codec.read(codec.write(onnx))));

        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_id, prompt_tokens, completion_tokens FROM predictions"
                        + " ORDER BY record_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("001A");
            assertThat(rs.getLong(2)).isEqualTo(412);
            assertThat(rs.getLong(3)).isEqualTo(38);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("001B");
            assertThat(rs.getObject(2)).isNull();
            assertThat(rs.getObject(3)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void tokenCostQueryOfTheBiPageSumsTokensPerRouteAndDay() throws Exception {
        PredictionTable table = new PredictionTable(database.dataSource(), codec.mapper());
        table.upsert(List.of(TestEvents.event("triage", "500A", 0.7, new TokenUsage(100, 10)),
                TestEvents.event("triage", "500B", 0.6, new TokenUsage(50, 5)),
                TestEvents.event("churn", "001A", 0.2)));
        Matcher sql = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "bi.md")));
        assertThat(sql.find() && sql.find()).as("a second sql block in docs/bi.md").isTrue();

        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.group(1))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("route_id")).isEqualTo("triage");
            assertThat(rs.getLong("records")).isEqualTo(2);
            assertThat(rs.getLong("prompt_tokens")).isEqualTo(150);
            assertThat(rs.getLong("completion_tokens")).isEqualTo(15);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void positionStoreShouldReturnTheLastCommittedPosition() {
        PositionStore store = new PositionStore(database.dataSource(), codec.mapper());

        assertThat(store.load("r/crm").isStart()).isTrue();
        store.commit("r/crm", new SourcePosition(Map.of("systemModstamp", "t1", "id", "001")));
        store.commit("r/crm", new SourcePosition(Map.of("systemModstamp", "t2", "id", "002")));

        assertThat(store.load("r/crm").values()).containsEntry("systemModstamp", "t2").containsEntry("id", "002");
        assertThat(store.load("other/crm").isStart()).isTrue();
    }
}
