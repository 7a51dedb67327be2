package io.aihub.model.mapping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.aihub.api.error.PermanentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one model input is computed from a record's fields.
 *
 * <p>Evaluation: the raw value of {@code field} is read (absent and null are the same). If the first step is a
 * {@link Transform.SourceEncoder} it turns the raw value into a number ({@link Transform.DaysUntil} also reads
 * its end field, {@link Transform.Concat} makes text from several fields); otherwise a null value is replaced
 * by {@code default} and converted to a number. The remaining {@link Transform.NumericTransform} steps then run
 * in order. For {@code type: string} the (defaulted) value is passed on as text, and {@code concat} is the only
 * step allowed.
 *
 * @param name         the model input name; letters, digits and underscores, starting with a letter
 * @param field        the record field it reads (the first part of a {@code concat}, the start of a
 *                     {@code days-until})
 * @param type         the model input type: {@code float} (the default), {@code double}, {@code int64} or
 *                     {@code string}
 * @param defaultValue YAML {@code default}: the value used when the field is absent or null, or null for
 *                     none (the record then fails with {@value #MISSING_FIELD}); for {@code days-until} the
 *                     number of days used when either date is missing; for {@code concat} the text used when
 *                     every field is missing; a training spec may say {@code mean} to have the trainer fill in
 *                     the training mean
 * @param transforms   the steps, in order; may be empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FeatureDefinition(String name, String field, String type,
        @JsonProperty("default") Object defaultValue, List<Transform> transforms) {

    /** Error code: a field the mapping needs is absent or null and the feature has no default. */
    public static final String MISSING_FIELD = "MAPPING_MISSING_FIELD";
    /** Error code: a transform step cannot take the field's value (e.g. {@code log1p} of -3). */
    public static final String BAD_VALUE = "MAPPING_BAD_VALUE";
    /** The {@code default} a training spec uses to ask for the training mean. */
    public static final String DEFAULT_MEAN = "mean";
    /** Model input types a feature can have. */
    public static final Set<String> TYPES = Set.of("float", "double", "int64", "string");

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public FeatureDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name must be letters, digits and underscores, starting"
                    + " with a letter, got " + (name == null ? "none" : "'" + name + "'"));
        }
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("feature '" + name + "' needs a 'field'");
        }
        type = type == null ? "float" : type;
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("feature '" + name + "' has type '" + type + "'; known types: "
                    + String.join(", ", TYPES.stream().sorted().toList()));
        }
        if (defaultValue != null && !(defaultValue instanceof String || defaultValue instanceof Number
                || defaultValue instanceof Boolean)) {
            throw new IllegalArgumentException("feature '" + name + "' default must be a number, text or boolean");
        }
        if (transforms != null && transforms.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("feature '" + name + "' has an empty transform");
        }
        transforms = List.copyOf(transforms == null ? List.of() : transforms);
        for (int i = 1; i < transforms.size(); i++) {
            if (transforms.get(i) instanceof Transform.SourceEncoder encoder) {
                throw new IllegalArgumentException("feature '" + name + "': " + encoder.kind()
                        + " reads the raw field and must be the first transform");
            }
        }
        boolean concat = !transforms.isEmpty() && transforms.get(0) instanceof Transform.Concat;
        if (type.equals("string") && !(transforms.isEmpty() || concat && transforms.size() == 1)) {
            throw new IllegalArgumentException("feature '" + name + "' has type string and can only have a single"
                    + " concat transform");
        }
        if (concat && !type.equals("string")) {
            throw new IllegalArgumentException("feature '" + name + "': concat makes text and needs type string");
        }
    }

    /** Convenience constructor for a feature without transforms. */
    public FeatureDefinition(String name, String field, String type, Object defaultValue) {
        this(name, field, type, defaultValue, List.of());
    }

    /** True when the model takes a number for this feature. */
    @JsonIgnore
    public boolean numeric() {
        return !type.equals("string");
    }

    /**
     * True when the raw field value must be a number: a numeric feature whose first step is not a
     * {@link Transform.SourceEncoder}.
     */
    @JsonIgnore
    public boolean numericField() {
        return numeric() && (transforms.isEmpty() || !(transforms.get(0) instanceof Transform.SourceEncoder));
    }

    /** The record fields this feature reads: {@code field}, then those of a {@link Transform.RecordEncoder}. */
    @JsonIgnore
    public List<String> sourceFields() {
        List<String> fields = new ArrayList<>();
        fields.add(field);
        if (!transforms.isEmpty() && transforms.get(0) instanceof Transform.RecordEncoder encoder) {
            fields.addAll(encoder.otherFields());
        }
        return List.copyOf(fields);
    }

    /** A copy reading renamed fields ({@code renames}: field read → field to read instead), steps included. */
    FeatureDefinition withSourceFields(Map<String, String> renames) {
        List<Transform> steps = new ArrayList<>(transforms);
        if (!steps.isEmpty() && steps.get(0) instanceof Transform.RecordEncoder encoder) {
            steps.set(0, encoder.renamed(renames));
        }
        return new FeatureDefinition(name, renames.getOrDefault(field, field), type, defaultValue, steps);
    }

    /** Problems that stop this feature from being used at run time; empty when ready. */
    List<String> runtimeProblems() {
        List<String> problems = new ArrayList<>();
        for (Transform transform : transforms) {
            if (transform instanceof Transform.Standardize standardize && !standardize.fitted()) {
                problems.add("feature '" + name + "': standardize has no fitted mean and std (train the model to fit"
                        + " them)");
            }
        }
        boolean daysDefault = !transforms.isEmpty() && transforms.get(0) instanceof Transform.DaysUntil;
        if (defaultValue != null && (numericField() || daysDefault)) {
            try {
                FieldValues.toNumber(defaultValue, field, name);
            } catch (PermanentException e) {
                problems.add("feature '" + name + "': default must be a number"
                        + (DEFAULT_MEAN.equals(defaultValue) ? " ('mean' is resolved by the trainer only)" : ""));
            }
        }
        return problems;
    }

    /** A copy with another default. */
    public FeatureDefinition withDefault(Object newDefault) {
        return new FeatureDefinition(name, field, type, newDefault, transforms);
    }

    /** A copy with other steps. */
    public FeatureDefinition withTransforms(List<Transform> newTransforms) {
        return new FeatureDefinition(name, field, type, defaultValue, newTransforms);
    }

    /**
     * Computes this feature from a record.
     *
     * @param recordFields the record's fields; absent and null values are the same
     * @return a Double for {@code float} and {@code double}, a Long for {@code int64}, a String for
     *         {@code string}
     * @throws PermanentException {@value #MISSING_FIELD}, {@value FieldValues#BAD_TYPE} or {@value #BAD_VALUE},
     *                            naming the field, never its value
     */
    public Object map(Map<String, ?> recordFields) {
        Object raw = recordFields.get(field);
        Transform first = transforms.isEmpty() ? null : transforms.get(0);
        if (first instanceof Transform.Concat concat) {
            return concatenate(concat, recordFields);
        }
        double value;
        if (first instanceof Transform.IndicatorMissing) {
            value = raw == null ? 1.0 : 0.0;
        } else if (first instanceof Transform.DaysUntil daysUntil) {
            value = days(daysUntil, raw, recordFields);
        } else if (first instanceof Transform.WordHash wordHash) {
            value = wordCount(wordHash, recordFields);
        } else {
            Object present = raw != null ? raw : defaultValue;
            if (present == null) {
                throw missing(List.of(field));
            }
            if (!numeric()) {
                return FieldValues.toText(present, field, name);
            }
            if (first instanceof Transform.OneHot oneHot) {
                value = FieldValues.matches(present, oneHot.value(), field, name) ? 1.0 : 0.0;
            } else {
                value = FieldValues.toNumber(present, field, name);
            }
        }
        for (int i = first instanceof Transform.SourceEncoder ? 1 : 0; i < transforms.size(); i++) {
            Transform.NumericTransform step = (Transform.NumericTransform) transforms.get(i);
            value = step.apply(value);
            if (!Double.isFinite(value)) {
                throw new PermanentException(BAD_VALUE, "field '" + field + "' (feature '" + name + "'): "
                        + step.kind() + " is undefined for the field's value");
            }
        }
        return type.equals("int64") ? (Object) Math.round(value) : (Object) value;
    }

    /** Both dates are parsed first, so a bad value is reported even when the other date is missing. */
    private double days(Transform.DaysUntil daysUntil, Object raw, Map<String, ?> recordFields) {
        Instant start = raw == null ? null : FieldValues.toInstant(raw, field, name);
        Instant end = daysUntil.reference();
        Object rawEnd = daysUntil.field() == null ? null : recordFields.get(daysUntil.field());
        if (rawEnd != null) {
            end = FieldValues.toInstant(rawEnd, daysUntil.field(), name);
        }
        if (start != null && end != null) {
            return Transform.DaysUntil.between(start, end);
        }
        if (defaultValue != null) {
            return FieldValues.toNumber(defaultValue, field, name);
        }
        List<String> absent = new ArrayList<>();
        if (start == null) {
            absent.add(field);
        }
        if (end == null) {
            absent.add(daysUntil.field());
        }
        throw missing(absent);
    }

    private double wordCount(Transform.WordHash wordHash, Map<String, ?> recordFields) {
        List<String> texts = new ArrayList<>();
        for (String source : sourceFields()) {
            Object value = recordFields.get(source);
            if (value != null) {
                texts.add(FieldValues.toText(value, source, name));
            }
        }
        if (!texts.isEmpty()) {
            return wordHash.count(texts);
        }
        if (defaultValue == null) {
            throw missing(sourceFields());
        }
        return FieldValues.toNumber(defaultValue, field, name);
    }

    private String concatenate(Transform.Concat concat, Map<String, ?> recordFields) {
        List<String> parts = new ArrayList<>();
        for (String source : sourceFields()) {
            Object value = recordFields.get(source);
            parts.add(value == null ? null : FieldValues.toText(value, source, name));
        }
        String text = concat.join(parts);
        if (text != null) {
            return text;
        }
        if (defaultValue == null) {
            throw missing(sourceFields());
        }
        return Transform.Concat.truncate(FieldValues.toText(defaultValue, field, name), concat.maxLength());
    }

    private PermanentException missing(List<String> fields) {
        String names = String.join("', '", fields);
        return new PermanentException(MISSING_FIELD, (fields.size() == 1 ? "field '" : "fields '") + names
                + "' (feature '" + name + "') " + (fields.size() == 1 ? "is" : "are")
                + " missing and the feature has no default");
    }
}
