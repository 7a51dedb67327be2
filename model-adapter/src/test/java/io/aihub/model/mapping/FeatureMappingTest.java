package io.aihub.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureMappingTest {

    private static final FeatureMapping CHURN_LIKE = new FeatureMapping(List.of(
            new FeatureDefinition("days", "Days__c", "float", 10.0,
                    List.of(new Transform.Log1p(), new Transform.Standardize(2.0, 0.5))),
            new FeatureDefinition("nps", "NPS__c", "float", 7, List.of()),
            new FeatureDefinition("nps_missing", "NPS__c", "float", null, List.of(new Transform.IndicatorMissing())),
            new FeatureDefinition("plan_basic", "Plan__c", "float", null, List.of(new Transform.OneHot("Basic"))),
            new FeatureDefinition("spend_bucket", "Spend__c", "int64", null,
                    List.of(new Transform.Clip(0.0, 1000.0), new Transform.Bucketize(List.of(100.0, 500.0))))));

    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }

    @Test
    void mapsEveryTransformInModelInputOrder() {
        FeatureRow row = CHURN_LIKE.map(record("Days__c", 19.0, "NPS__c", 9, "Plan__c", "Basic", "Spend__c", 250.5));

        assertThat(row.values()).containsExactly(
                Map.entry("days", (Math.log1p(19.0) - 2.0) / 0.5),
                Map.entry("nps", 9.0),
                Map.entry("nps_missing", 0.0),
                Map.entry("plan_basic", 1.0),
                Map.entry("spend_bucket", 1L));
    }

    @Test
    void usesDefaultsAndMissingIndicatorWhenFieldsAreNullOrAbsent() {
        Map<String, Object> fields = record("NPS__c", null, "Plan__c", "Pro", "Spend__c", 5000);

        FeatureRow row = CHURN_LIKE.map(fields);

        assertThat(row.values().get("days")).isEqualTo((Math.log1p(10.0) - 2.0) / 0.5);
        assertThat(row.values().get("nps")).isEqualTo(7.0);
        assertThat(row.values().get("nps_missing")).isEqualTo(1.0);
        assertThat(row.values().get("plan_basic")).isEqualTo(0.0);
        assertThat(row.values().get("spend_bucket")).isEqualTo(2L);
    }

    @Test
    void acceptsNumbersSentAsTextAndBooleansAsOneOrZero() {
        FeatureDefinition flag = new FeatureDefinition("flag", "Flag__c", "double", null);
        FeatureDefinition amount = new FeatureDefinition("amount", "Amount__c", "double", null);

        assertThat(flag.map(Boolean.TRUE)).isEqualTo(1.0);
        assertThat(amount.map(" 1234.50 ")).isEqualTo(1234.5);
        assertThat(amount.map("-1e3")).isEqualTo(-1000.0);
    }

    @Test
    void oneHotComparesNumbersNumericallyAndTextExactly() {
        FeatureDefinition tier = new FeatureDefinition("tier3", "Tier__c", "float", null,
                List.of(new Transform.OneHot("3")));
        FeatureDefinition plan = new FeatureDefinition("plan_pro", "Plan__c", "float", null,
                List.of(new Transform.OneHot("Pro")));

        assertThat(tier.map(3.0)).isEqualTo(1.0);
        assertThat(tier.map("3.00")).isEqualTo(1.0);
        assertThat(tier.map(4)).isEqualTo(0.0);
        assertThat(plan.map("pro")).isEqualTo(0.0);
    }

    @Test
    void missingFieldWithoutDefaultFailsNamingTheFieldButNotTheRecord() {
        assertThatThrownBy(() -> CHURN_LIKE.map(record("Days__c", 1, "Spend__c", 12)))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MAPPING_MISSING_FIELD");
                    assertThat(e.getMessage()).contains("'Plan__c'").contains("plan_basic");
                });
    }

    @Test
    void textWhereANumberIsExpectedFailsNamingFieldAndExpectedTypeButNotTheValue() {
        String secret = "Jane Doe, 12 Secret Street";

        assertThatThrownBy(() -> CHURN_LIKE.map(record("Days__c", secret, "Plan__c", "Basic", "Spend__c", 1)))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MAPPING_BAD_TYPE");
                    assertThat(e.getMessage()).contains("'Days__c'").contains("must be a number").contains("text")
                            .doesNotContain(secret).doesNotContain("Secret");
                });
    }

    @Test
    void reportsEveryProblemOfARecordAtOnce() {
        Map<String, Object> fields = record("Days__c", "soon", "Spend__c", List.of(1, 2));

        assertThatThrownBy(() -> CHURN_LIKE.map(fields))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MAPPING_BAD_TYPE");
                    assertThat(e.getMessage()).startsWith("3 mapping problems")
                            .contains("'Days__c'").contains("'Plan__c'").contains("'Spend__c'")
                            .doesNotContain("soon");
                });
    }

    @Test
    void nonFiniteNumbersFailAsBadValueAndNeverReachTheModel() {
        for (Object poison : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, "1e999")) {
            assertThatThrownBy(() -> CHURN_LIKE.map(record("Days__c", poison, "Plan__c", "Basic", "Spend__c", 1)))
                    .as("Days__c = %s", poison)
                    .isInstanceOfSatisfying(PermanentException.class, e -> {
                        assertThat(e.code()).isEqualTo("MAPPING_BAD_VALUE");
                        assertThat(e.getMessage()).contains("'Days__c'").contains("finite")
                                .doesNotContain("NaN").doesNotContain("Infinity");
                    });
        }
        assertThatThrownBy(() -> CHURN_LIKE.map(record("Plan__c", Double.NaN, "Spend__c", 1)))
                .as("one-hot of NaN")
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo("MAPPING_BAD_VALUE"));
        FeatureMapping text = new FeatureMapping(List.of(new FeatureDefinition("region", "Region__c", "string", null)));
        assertThatThrownBy(() -> text.map(record("Region__c", Double.NaN)))
                .as("string feature of NaN")
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo("MAPPING_BAD_VALUE"));
    }

    @Test
    void valueOutsideATransformsDomainFailsAsBadValue() {
        assertThatThrownBy(() -> CHURN_LIKE.map(record("Days__c", -3, "Plan__c", "Basic", "Spend__c", 1)))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MAPPING_BAD_VALUE");
                    assertThat(e.getMessage()).contains("log1p").contains("'Days__c'").doesNotContain("-3");
                });
    }

    @Test
    void sourceFieldsListsEachFieldOnceInOrderOfFirstUse() {
        assertThat(CHURN_LIKE.sourceFields()).containsExactly("Days__c", "NPS__c", "Plan__c", "Spend__c");
    }

    @Test
    void featuresListsModelInputsWithTypes() {
        assertThat(CHURN_LIKE.features()).containsExactly(new FeatureSpec("days", "float"),
                new FeatureSpec("nps", "float"), new FeatureSpec("nps_missing", "float"),
                new FeatureSpec("plan_basic", "float"), new FeatureSpec("spend_bucket", "int64"));
    }

    @Test
    void stringFeaturesPassTextOnAndNumbersInPlainNotation() {
        FeatureDefinition industry = new FeatureDefinition("industry", "Industry", "string", "Unknown");

        assertThat(industry.map("Retail")).isEqualTo("Retail");
        assertThat(industry.map(null)).isEqualTo("Unknown");
        assertThat(industry.map(12.0)).isEqualTo("12");
    }

    @Test
    void validateAgainstReportsEveryMismatchAtOnce() {
        ModelMetadata model = new ModelMetadata("churn", "2.0.0", "onnx", List.of(
                new FeatureSpec("nps", "float"),
                new FeatureSpec("days", "float"),
                new FeatureSpec("tenure", "float"),
                new FeatureSpec("nps_missing", "double")), List.of("no", "yes"), "yes");

        List<String> problems = CHURN_LIKE.validateAgainst(model);

        assertThat(problems).containsExactlyInAnyOrder(
                "the mapping has 5 features but model churn 2.0.0 takes 4 inputs",
                "model churn 2.0.0 input 'tenure' is not produced by the mapping",
                "mapping feature 'plan_basic' is not an input of model churn 2.0.0",
                "mapping feature 'spend_bucket' is not an input of model churn 2.0.0",
                "feature 'days' is at position 0 in the mapping but 1 in model churn 2.0.0",
                "feature 'nps' is at position 1 in the mapping but 0 in model churn 2.0.0",
                "feature 'nps_missing' is at position 2 in the mapping but 3 in model churn 2.0.0",
                "feature 'nps_missing' is float in the mapping but double in model churn 2.0.0");
    }

    @Test
    void validateAgainstAMatchingModelFindsNothing() {
        ModelMetadata model = new ModelMetadata("churn", "1.0.0", "onnx", CHURN_LIKE.features(),
                List.of("no", "yes"), "yes");

        assertThat(CHURN_LIKE.validateAgainst(model)).isEmpty();
    }

    @Test
    void rejectsUnfittedStandardizeNonNumericDefaultsAndDuplicateNamesTogether() {
        List<FeatureDefinition> definitions = List.of(
                new FeatureDefinition("a", "A", "float", null, List.of(Transform.Standardize.unfitted())),
                new FeatureDefinition("b", "B", "float", "mean"),
                new FeatureDefinition("b", "C", "float", null));

        assertThatThrownBy(() -> new FeatureMapping(definitions))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "feature 'a': standardize has no fitted mean and std (train the model to fit them)",
                        "feature 'b': default must be a number ('mean' is resolved by the trainer only)",
                        "feature 'b' is defined more than once"));
    }

    @Test
    void rejectsSourceEncodersAfterTheFirstStepAndTransformsOnStrings() {
        assertThatThrownBy(() -> new FeatureDefinition("x", "X", "float", null,
                List.of(new Transform.Log1p(), new Transform.IndicatorMissing())))
                .hasMessageContaining("indicator-missing reads the raw field and must be the first transform");
        assertThatThrownBy(() -> new FeatureDefinition("x", "X", "string", null, List.of(new Transform.Log1p())))
                .hasMessageContaining("type string and cannot have transforms");
        assertThatThrownBy(() -> new FeatureDefinition("x", "X", "tensor", null))
                .hasMessageContaining("known types: double, float, int64, string");
    }

    @Test
    void readsRenamedFieldsAndGivesTheSameInputs() {
        FeatureMapping renamed = CHURN_LIKE.withSourceFields(Map.of("NPS__c", "aihub_nps", "Days__c", "days_col"));

        FeatureRow original = CHURN_LIKE.map(record("Days__c", 19.0, "NPS__c", 9, "Plan__c", "Basic", "Spend__c", 250.5));
        FeatureRow viaRenames = renamed.map(record("days_col", 19.0, "aihub_nps", 9, "Plan__c", "Basic",
                "Spend__c", 250.5, "NPS__c", 1));

        assertThat(viaRenames).isEqualTo(original);
        assertThat(renamed.sourceFields()).containsExactly("days_col", "aihub_nps", "Plan__c", "Spend__c");
        assertThat(renamed.features()).isEqualTo(CHURN_LIKE.features());
    }

    @Test
    void rejectsRenamesOfFieldsTheMappingDoesNotReadNamingEach() {
        assertThatThrownBy(() -> CHURN_LIKE.withSourceFields(Map.of("Nope__c", "x", "Plan__c", " ")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("'Nope__c' is not a field the mapping reads")
                .hasMessageContaining("'Plan__c' is renamed to an empty field name");
    }
}
