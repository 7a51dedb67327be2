package io.aihub.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<Transform> parse(String yaml) throws Exception {
        return YAML.readValue(yaml, new TypeReference<List<Transform>>() { });
    }

    @Test
    void log1pIsUndefinedAtOrBelowMinusOne() {
        assertThat(new Transform.Log1p().apply(Math.E - 1)).isEqualTo(1.0);
        assertThat(new Transform.Log1p().apply(-1)).isNaN();
    }

    @Test
    void standardizeSubtractsMeanAndDividesByStd() {
        assertThat(new Transform.Standardize(10.0, 4.0).apply(18)).isEqualTo(2.0);
        assertThatThrownBy(() -> new Transform.Standardize(1.0, 0.0)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> new Transform.Standardize(1.0, null)).hasMessageContaining("both mean and std");
    }

    @Test
    void clipLimitsToEitherOrBothBounds() {
        assertThat(new Transform.Clip(0.0, 10.0).apply(-5)).isEqualTo(0.0);
        assertThat(new Transform.Clip(0.0, 10.0).apply(50)).isEqualTo(10.0);
        assertThat(new Transform.Clip(null, 10.0).apply(-50)).isEqualTo(-50.0);
        assertThatThrownBy(() -> new Transform.Clip(5.0, 1.0)).hasMessageContaining("min must not be above max");
    }

    @Test
    void bucketizeCountsBoundariesAtOrBelowTheValue() {
        Transform.Bucketize buckets = new Transform.Bucketize(List.of(10.0, 100.0));

        assertThat(buckets.apply(5)).isEqualTo(0.0);
        assertThat(buckets.apply(10)).isEqualTo(1.0);
        assertThat(buckets.apply(99.9)).isEqualTo(1.0);
        assertThat(buckets.apply(500)).isEqualTo(2.0);
        assertThatThrownBy(() -> new Transform.Bucketize(List.of(5.0, 5.0))).hasMessageContaining("strictly");
    }

    @Test
    void readsBareWordsAndOneKeyMapsFromYaml() throws Exception {
        List<Transform> steps = parse("""
                - log1p
                - standardize
                - standardize: {mean: 1.5, std: 2}
                - clip: {max: 365}
                - bucketize: {boundaries: [1, 5, 10]}
                """);

        assertThat(steps).containsExactly(new Transform.Log1p(), Transform.Standardize.unfitted(),
                new Transform.Standardize(1.5, 2.0), new Transform.Clip(null, 365.0),
                new Transform.Bucketize(List.of(1.0, 5.0, 10.0)));
        assertThat(parse("- indicator-missing\n- one-hot: {value: 3}"))
                .containsExactly(new Transform.IndicatorMissing(), new Transform.OneHot("3"));
    }

    @Test
    void writesWhatItReads() throws Exception {
        List<Transform> steps = List.of(new Transform.Log1p(), new Transform.Standardize(1.5, 2.0),
                new Transform.OneHot("Enterprise"), new Transform.Clip(0.0, null),
                new Transform.Bucketize(List.of(1.0, 2.0)), new Transform.IndicatorMissing(),
                Transform.Standardize.unfitted(), new Transform.DaysUntil("ClosedDate", null),
                new Transform.DaysUntil(null, Instant.parse("2026-01-01T00:00:00Z")),
                new Transform.Concat(List.of("Description", "Product"), "\n", 100, "(none)"));

        assertThat(parse(YAML.writeValueAsString(steps))).isEqualTo(steps);
    }

    @Test
    void rejectsUnknownTransformsAndParametersWithTheKnownOnes() {
        assertThatThrownBy(() -> parse("- sqrt")).hasMessageContaining("unknown transform 'sqrt'")
                .hasMessageContaining("log1p, standardize, one-hot, clip, bucketize, indicator-missing, days-until,"
                        + " concat");
        assertThatThrownBy(() -> parse("- clip: {low: 1}")).hasMessageContaining("clip has no parameter 'low'");
        assertThatThrownBy(() -> parse("- one-hot")).hasMessageContaining("one-hot needs parameters");
        assertThatThrownBy(() -> parse("- {log1p: null, clip: {max: 1}}"))
                .hasMessageContaining("a map with one transform name");
    }

    @Test
    void readsDaysUntilWithAnEndFieldOrAFixedReference() throws Exception {
        assertThat(parse("""
                - days-until:
                    field: ClosedDate
                - days-until: {reference: 2026-01-01T00:00:00Z}
                - days-until: {reference: "2026-01-01T01:00:00+01:00"}
                - days-until: {reference: 2026-01-01}
                """)).containsExactly(new Transform.DaysUntil("ClosedDate", null),
                new Transform.DaysUntil(null, Instant.parse("2026-01-01T00:00:00Z")),
                new Transform.DaysUntil(null, Instant.parse("2026-01-01T00:00:00Z")),
                new Transform.DaysUntil(null, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void rejectsDaysUntilWithoutExactlyOneEndAndNowAsReference() {
        assertThatThrownBy(() -> parse("- days-until: {}")).hasMessageContaining("either 'field'");
        assertThatThrownBy(() -> parse("- days-until: {field: A, reference: 2026-01-01}"))
                .hasMessageContaining("either 'field'");
        assertThatThrownBy(() -> parse("- days-until: {reference: now}"))
                .hasMessageContaining("'reference' must be an ISO-8601 instant");
        assertThatThrownBy(() -> parse("- days-until")).hasMessageContaining("days-until needs parameters");
    }

    @Test
    void readsConcatWithDefaultsForSeparatorAndMaxLength() throws Exception {
        assertThat(parse("""
                - concat:
                    fields: [Description]
                    separator: "\\n"
                    maxLength: 4000
                - concat: {fields: [A, B]}
                """)).containsExactly(new Transform.Concat(List.of("Description"), "\n", 4000, null),
                new Transform.Concat(List.of("A", "B"), " ", Transform.Concat.DEFAULT_MAX_LENGTH, null));
        assertThatThrownBy(() -> parse("- concat: {fields: []}")).hasMessageContaining("at least one field");
        assertThatThrownBy(() -> parse("- concat: {fields: [A], maxLength: 0}"))
                .hasMessageContaining("maxLength must be at least 1");
        assertThatThrownBy(() -> parse("- concat: {fields: [A], maxLength: 1.5}"))
                .hasMessageContaining("'maxLength' must be a whole number");
        assertThatThrownBy(() -> parse("- concat: {fields: A}")).hasMessageContaining("concat needs a 'fields' list");
    }

    @Test
    void daysBetweenIsFractionalAndNegativeWhenTheEndIsEarlier() {
        Instant start = Instant.parse("2026-01-05T00:00:00Z");

        assertThat(Transform.DaysUntil.between(start, Instant.parse("2026-01-06T12:00:00Z"))).isEqualTo(1.5);
        assertThat(Transform.DaysUntil.between(start, Instant.parse("2026-01-04T00:00:00Z"))).isEqualTo(-1.0);
    }

    @Test
    void concatSkipsMissingPartsOrReplacesThemAndCutsAtCodePoints() {
        Transform.Concat skip = new Transform.Concat(List.of("B", "C"), " | ", 100, null);
        Transform.Concat replace = new Transform.Concat(List.of("B", "C"), " | ", 100, "-");

        assertThat(skip.join(Arrays.asList("a", null, "c"))).isEqualTo("a | c");
        assertThat(replace.join(Arrays.asList("a", null, "c"))).isEqualTo("a | - | c");
        assertThat(replace.join(Arrays.asList(null, null, null))).isNull();
        String emoji = "\uD83D\uDE00";
        assertThat(new Transform.Concat(List.of("B"), "", 3, null).join(List.of("ab", emoji + "z")))
                .isEqualTo("ab" + emoji);
        assertThat(new Transform.Concat(List.of("B"), "", 2, null).join(List.of("a", emoji + emoji)))
                .isEqualTo("a" + emoji);
    }
}
