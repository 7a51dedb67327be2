package io.aihub.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelMetadata;
import java.time.Instant;
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

    private static final Transform.Concat CONCAT = new Transform.Concat(List.of("Description"), "\n", 4000, null);

    private static final FeatureMapping DATES_AND_TEXT = new FeatureMapping(List.of(
            new FeatureDefinition("days_open", "CreatedDate", "float", null,
                    List.of(new Transform.DaysUntil("ClosedDate", null))),
            new FeatureDefinition("age_log", "CreatedDate", "float", -1.0,
                    List.of(new Transform.DaysUntil(null, Instant.parse("2026-01-01T00:00:00Z")),
                            new Transform.Clip(0.0, null), new Transform.Log1p())),
            new FeatureDefinition("ticket_text", "Subject", "string", null, List.of(CONCAT))));

    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }

    private static Object mapField(FeatureDefinition definition, Object value) {
        return definition.map(record(definition.field(), value));
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

        assertThat(mapField(flag, Boolean.TRUE)).isEqualTo(1.0);
        assertThat(mapField(amount, " 1234.50 ")).isEqualTo(1234.5);
        assertThat(mapField(amount, "-1e3")).isEqualTo(-1000.0);
    }

    @Test
    void oneHotComparesNumbersNumericallyAndTextExactly() {
        FeatureDefinition tier = new FeatureDefinition("tier3", "Tier__c", "float", null,
                List.of(new Transform.OneHot("3")));
        FeatureDefinition plan = new FeatureDefinition("plan_pro", "Plan__c", "float", null,
                List.of(new Transform.OneHot("Pro")));

        assertThat(mapField(tier, 3.0)).isEqualTo(1.0);
        assertThat(mapField(tier, "3.00")).isEqualTo(1.0);
        assertThat(mapField(tier, 4)).isEqualTo(0.0);
        assertThat(mapField(plan, "pro")).isEqualTo(0.0);
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

        assertThat(mapField(industry, "Retail")).isEqualTo("Retail");
        assertThat(mapField(industry, null)).isEqualTo("Unknown");
        assertThat(mapField(industry, 12.0)).isEqualTo("12");
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
                .hasMessageContaining("type string and can only have a single concat transform");
        assertThatThrownBy(() -> new FeatureDefinition("x", "X", "float", null, List.of(CONCAT)))
                .hasMessageContaining("concat makes text and needs type string");
        assertThatThrownBy(() -> new FeatureDefinition("x", "X", "float", null,
                List.of(new Transform.Log1p(), new Transform.DaysUntil("Y", null))))
                .hasMessageContaining("days-until reads the raw field and must be the first transform");
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

    @Test
    void daysUntilAnotherFieldReadsDatesDateTimesOffsetsAndEpochMillis() {
        Map<String, Object> dates = record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-31", "Subject", "s");
        assertThat(DATES_AND_TEXT.map(dates).values().get("days_open")).isEqualTo(30.0);

        Map<String, Object> times = record("CreatedDate", "2025-12-01T06:00:00Z",
                "ClosedDate", "2025-12-02T13:00:00+01:00", "Subject", "s");
        assertThat(DATES_AND_TEXT.map(times).values().get("days_open")).isEqualTo(1.25);

        Map<String, Object> salesforce = record("CreatedDate", "2025-12-01T00:00:00.000+0000",
                "ClosedDate", Instant.parse("2025-12-03T00:00:00Z").toEpochMilli(), "Subject", "s");
        assertThat(DATES_AND_TEXT.map(salesforce).values().get("days_open")).isEqualTo(2.0);

        Map<String, Object> odata = record("CreatedDate", "/Date(1764547200000+0000)/",
                "ClosedDate", "2025-12-02T00:00:00", "Subject", "s");
        assertThat(DATES_AND_TEXT.map(odata).values().get("days_open")).isEqualTo(1.0);
    }

    @Test
    void daysUntilAFixedReferenceRunsTheFollowingSteps() {
        FeatureRow row = DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-02",
                "Subject", "s"));

        assertThat(row.values().get("age_log")).isEqualTo(Math.log1p(31.0));
    }

    @Test
    void daysUntilUsesTheDefaultWhenEitherDateIsMissingOrNamesTheMissingField() {
        FeatureMapping ageOnly = new FeatureMapping(List.of(DATES_AND_TEXT.definitions().get(1)));
        assertThat(ageOnly.map(record("CreatedDate", null)).values().get("age_log")).isEqualTo(0.0);

        assertThatThrownBy(() -> DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "Subject", "s")))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(FeatureDefinition.MISSING_FIELD))
                .hasMessage("field 'ClosedDate' (feature 'days_open') is missing and the feature has no default");
        assertThatThrownBy(() -> DATES_AND_TEXT.map(record("Subject", "s")))
                .hasMessageContaining("fields 'CreatedDate', 'ClosedDate' (feature 'days_open') are missing");
    }

    @Test
    void daysUntilRejectsUnparseableDatesNamingTheFieldNeverTheValue() {
        String secret = "next tuesday 4711";
        for (Object bad : List.of(secret, "2025-13-45", "2025-12-01T25:00:00Z", 1.5, Double.NaN)) {
            assertThatThrownBy(() -> DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", bad,
                    "Subject", "s")))
                    .isInstanceOfSatisfying(PermanentException.class,
                            e -> assertThat(e.code()).isEqualTo(FeatureDefinition.BAD_VALUE))
                    .hasMessageContaining("field 'ClosedDate' (feature 'days_open') must be an ISO-8601 date")
                    .hasMessageNotContaining(secret).hasMessageNotContaining("2025-13-45");
        }
        assertThatThrownBy(() -> DATES_AND_TEXT.map(record("CreatedDate", true, "ClosedDate", "2025-12-01",
                "Subject", "s")))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(FieldValues.BAD_TYPE));
    }

    @Test
    void daysUntilReportsABadDateEvenWhenTheDefaultWouldCoverTheMissingOne() {
        FeatureMapping withDefault = new FeatureMapping(List.of(new FeatureDefinition("d", "A", "float", 0,
                List.of(new Transform.DaysUntil("B", null)))));

        assertThat(withDefault.map(record("A", "2025-12-01")).values().get("d")).isEqualTo(0.0);
        assertThatThrownBy(() -> withDefault.map(record("A", "garbage")))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(FeatureDefinition.BAD_VALUE));
    }

    @Test
    void daysUntilNeedsANumericDefault() {
        assertThatThrownBy(() -> new FeatureMapping(List.of(new FeatureDefinition("d", "A", "float", "2025-01-01",
                List.of(new Transform.DaysUntil("B", null))))))
                .hasMessageContaining("feature 'd': default must be a number");
    }

    @Test
    void concatJoinsFieldsSkippingMissingOnesAndFallsBackToTheDefault() {
        assertThat(DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-02",
                "Subject", "Printer", "Description", "On fire")).values().get("ticket_text"))
                .isEqualTo("Printer\nOn fire");
        assertThat(DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-02",
                "Description", 42)).values().get("ticket_text")).isEqualTo("42");
        assertThatThrownBy(() -> DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-02")))
                .hasMessageContaining("fields 'Subject', 'Description' (feature 'ticket_text') are missing");

        FeatureMapping withDefault = new FeatureMapping(List.of(new FeatureDefinition("t", "Subject", "string",
                "(empty ticket)", List.of(new Transform.Concat(List.of("Description"), " ", 5, null)))));
        assertThat(withDefault.map(record()).values().get("t")).isEqualTo("(empt");
    }

    @Test
    void concatRejectsStructuredValuesNamingTheField() {
        assertThatThrownBy(() -> DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-02",
                "Subject", "s", "Description", List.of("secret"))))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(FieldValues.BAD_TYPE))
                .hasMessageContaining("field 'Description' (feature 'ticket_text')")
                .hasMessageNotContaining("secret");
    }

    @Test
    void sourceFieldsAndRenamesCoverTheFieldsReadByDaysUntilAndConcat() {
        assertThat(DATES_AND_TEXT.sourceFields()).containsExactly("CreatedDate", "ClosedDate", "Subject",
                "Description");

        FeatureMapping renamed = DATES_AND_TEXT.withSourceFields(Map.of("ClosedDate", "closed_on",
                "Description", "body", "CreatedDate", "created_on"));

        assertThat(renamed.sourceFields()).containsExactly("created_on", "closed_on", "Subject", "body");
        FeatureRow viaRenames = renamed.map(record("created_on", "2025-12-01", "closed_on", "2025-12-31",
                "Subject", "a", "body", "b", "ClosedDate", "2020-01-01", "Description", "wrong"));
        FeatureRow original = DATES_AND_TEXT.map(record("CreatedDate", "2025-12-01", "ClosedDate", "2025-12-31",
                "Subject", "a", "Description", "b"));
        assertThat(viaRenames).isEqualTo(original);
        assertThatThrownBy(() -> DATES_AND_TEXT.withSourceFields(Map.of("Body", "x")))
                .hasMessageContaining("it reads [CreatedDate, ClosedDate, Subject, Description]");
    }
}
