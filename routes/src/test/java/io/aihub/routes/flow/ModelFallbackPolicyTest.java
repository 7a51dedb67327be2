package io.aihub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelMetadata;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.Prediction;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ModelFallbackPolicyTest {

    private static final FeatureMapping MAPPING = new FeatureMapping(List.of(new FeatureDefinition("x", "X", "float",
            null)));

    @Test
    void parsesAFallbackModelWithAndWithoutAVersion() {
        assertThat(ModelFallback.parse("model:triage-local"))
                .isEqualTo(new ModelFallback(ModelFallback.Kind.MODEL, 0, "triage-local", ""));
        assertThat(ModelFallback.parse(" model:triage-local@1.2.0 "))
                .isEqualTo(new ModelFallback(ModelFallback.Kind.MODEL, 0, "triage-local", "1.2.0"));
        assertThatThrownBy(() -> ModelFallback.parse("model:"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model:<model name>[@<version>]");
        assertThatThrownBy(() -> ModelFallback.parse("model:Bad Name")).isInstanceOf(ConfigException.class);
    }

    @Test
    void recordsTheChampionCannotScoreNowAreScoredByTheFallbackModelAndFlagged() {
        PageScorer scorer = new PageScorer("triage", new PageScorer.Scoring(MAPPING, backend("triage", rows -> {
            throw new RetriableException("MODEL_UNAVAILABLE", "down");
        })), null, null, ModelFallback.parse("model:local"), new PageScorer.Scoring(MAPPING, backend("local",
                rows -> rows.stream().map(r -> ModelOutcome.of(new Prediction("yes", 0.9,
                        Map.of("no", 0.1, "yes", 0.9)))).toList())));

        ScoredPage scored = scorer.score(page(record("a", 1.0), record("b", null)));

        assertThat(scored.scored()).singleElement().satisfies(r -> {
            assertThat(r.record().id()).isEqualTo("a");
            assertThat(r.fallback()).isEqualTo("model local 2.0.0: MODEL_UNAVAILABLE");
            assertThat(r.model().name()).isEqualTo("local");
            assertThat(r.prediction().score()).isEqualTo(0.9);
        });
        assertThat(scored.failed()).singleElement().satisfies(f -> {
            assertThat(f.record().id()).isEqualTo("b");
            assertThat(f.step()).isEqualTo("map");
        });
    }

    @Test
    void whenTheFallbackModelCannotScoreEitherThePageFailsWithTheChampionsErrorSoItIsRetried() {
        RetriableException down = new RetriableException("MODEL_THROTTLED", "429");
        PageScorer scorer = new PageScorer("triage", new PageScorer.Scoring(MAPPING, backend("triage", rows -> {
            throw down;
        })), null, null, ModelFallback.parse("model:local"), new PageScorer.Scoring(MAPPING, backend("local",
                rows -> {
                    throw new RetriableException("MODEL_UNAVAILABLE", "also down");
                })));

        assertThatThrownBy(() -> scorer.score(page(record("a", 1.0)))).isSameAs(down);
    }

    private static SourceRecord record(String id, Double x) {
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("X", x);
        return new SourceRecord("t", "Ticket", id, "v1", Instant.EPOCH, fields, SourcePosition.START);
    }

    private static SourcePage page(SourceRecord... records) {
        return new SourcePage(List.of(records), SourcePosition.START, false, 0);
    }

    private static ModelBackend backend(String name, Function<List<FeatureRow>, List<ModelOutcome>> predict) {
        return new ModelBackend() {
            @Override
            public ModelMetadata metadata() {
                return new ModelMetadata(name, "2.0.0", "test", List.of(new FeatureSpec("x", "float")),
                        List.of("no", "yes"), "yes");
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public List<ModelOutcome> predict(List<FeatureRow> batch) {
                return predict.apply(batch);
            }

            @Override
            public void close() {
            }
        };
    }
}
