package io.aihub.model.mapping;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a record's fields into the inputs a model takes, declaratively: one {@link FeatureDefinition} per
 * model input, in the order the model reads them. Immutable and thread-safe.
 *
 * @param definitions the features, in model input order; names unique; every {@code standardize} fitted and
 *                    every default of a numeric field a number
 */
public record FeatureMapping(List<FeatureDefinition> definitions) {

    public FeatureMapping {
        definitions = List.copyOf(Objects.requireNonNull(definitions, "definitions"));
        List<String> problems = new ArrayList<>();
        if (definitions.isEmpty()) {
            problems.add("a feature mapping needs at least one feature");
        }
        Set<String> names = new HashSet<>();
        for (FeatureDefinition definition : definitions) {
            if (!names.add(definition.name())) {
                problems.add("feature '" + definition.name() + "' is defined more than once");
            }
            problems.addAll(definition.runtimeProblems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("feature mapping", problems);
        }
    }

    /**
     * Maps one record. Every feature is evaluated; when several fail, one exception lists them all.
     *
     * @param recordFields the record's fields; absent and null values are the same
     * @return the model inputs, in model input order
     * @throws PermanentException {@code MAPPING_MISSING_FIELD}, {@code MAPPING_BAD_TYPE} or
     *                            {@code MAPPING_BAD_VALUE} (the code of the first problem), naming every field
     *                            concerned and never a value
     */
    public FeatureRow map(Map<String, Object> recordFields) {
        Objects.requireNonNull(recordFields, "recordFields");
        Map<String, Object> values = new LinkedHashMap<>();
        List<PermanentException> problems = new ArrayList<>();
        for (FeatureDefinition definition : definitions) {
            try {
                values.put(definition.name(), definition.map(recordFields));
            } catch (PermanentException e) {
                problems.add(e);
            }
        }
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            List<String> messages = problems.stream().map(PermanentException::getMessage).toList();
            throw new PermanentException(problems.get(0).code(), problems.size() + " mapping problems: "
                    + String.join("; ", messages));
        }
        return new FeatureRow(values);
    }

    /**
     * The record fields the mapping reads, each once, in the order first used: every feature's {@code field}
     * and the further fields its first step reads ({@code days-until}'s end field, {@code concat}'s fields).
     */
    public List<String> sourceFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (FeatureDefinition definition : definitions) {
            fields.addAll(definition.sourceFields());
        }
        return List.copyOf(fields);
    }

    /** The model inputs this mapping produces, in order. */
    public List<FeatureSpec> features() {
        return definitions.stream().map(d -> new FeatureSpec(d.name(), d.type())).toList();
    }

    /**
     * Compares the mapping with what a model takes and returns every mismatch at once: a different number of
     * inputs, model inputs the mapping does not produce, features the model does not take, features in another
     * position, and type differences.
     *
     * @return one sentence per mismatch; empty when the mapping fits the model
     */
    public List<String> validateAgainst(ModelMetadata model) {
        List<FeatureSpec> mine = features();
        List<FeatureSpec> theirs = model.features();
        List<String> problems = new ArrayList<>();
        String modelName = "model " + model.name() + " " + model.version();
        if (mine.size() != theirs.size()) {
            problems.add("the mapping has " + mine.size() + " features but " + modelName + " takes "
                    + theirs.size() + " inputs");
        }
        List<String> myNames = mine.stream().map(FeatureSpec::name).toList();
        List<String> theirNames = theirs.stream().map(FeatureSpec::name).toList();
        for (String input : theirNames) {
            if (!myNames.contains(input)) {
                problems.add(modelName + " input '" + input + "' is not produced by the mapping");
            }
        }
        for (String feature : myNames) {
            if (!theirNames.contains(feature)) {
                problems.add("mapping feature '" + feature + "' is not an input of " + modelName);
            }
        }
        for (int i = 0; i < mine.size(); i++) {
            FeatureSpec feature = mine.get(i);
            int position = theirNames.indexOf(feature.name());
            if (position < 0) {
                continue;
            }
            if (position != i) {
                problems.add("feature '" + feature.name() + "' is at position " + i + " in the mapping but "
                        + position + " in " + modelName);
            }
            String theirType = theirs.get(position).type();
            if (!theirType.equals(feature.type())) {
                problems.add("feature '" + feature.name() + "' is " + feature.type() + " in the mapping but "
                        + theirType + " in " + modelName);
            }
        }
        return problems;
    }

    /**
     * The same mapping reading other record fields: a route whose source names its fields differently (a
     * Dataverse column {@code aihub_nps} for the model's {@code NPS__c}) renames them here instead of
     * copying the model. Every field read is renamed: a feature's {@code field} and the fields its
     * {@code days-until} or {@code concat} step reads.
     *
     * @param renames the field this mapping reads → the record field to read instead
     * @throws ConfigException naming every key that is not a field this mapping reads, and every blank target
     */
    public FeatureMapping withSourceFields(Map<String, String> renames) {
        Objects.requireNonNull(renames, "renames");
        List<String> problems = new ArrayList<>();
        List<String> known = sourceFields();
        renames.forEach((from, to) -> {
            if (!known.contains(from)) {
                problems.add("'" + from + "' is not a field the mapping reads (it reads " + known + ")");
            }
            if (to == null || to.isBlank()) {
                problems.add("'" + from + "' is renamed to an empty field name");
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException("field renames", problems);
        }
        List<FeatureDefinition> renamed = definitions.stream().map(d -> d.withSourceFields(renames)).toList();
        return new FeatureMapping(renamed);
    }
}
