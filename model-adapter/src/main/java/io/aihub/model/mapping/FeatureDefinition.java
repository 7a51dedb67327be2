package io.aihub.model.mapping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.aihub.api.error.PermanentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one model input is computed from one record field.
 *
 * <p>Evaluation: the raw field value is read (absent and null are the same). If the first step is a
 * {@link Transform.SourceEncoder} it turns the raw value into a number; otherwise a null value is replaced by
 * {@code default} and converted to a number. The remaining {@link Transform.NumericTransform} steps then run in
 * order. For {@code type: string} the (defaulted) value is passed on as text and no steps are allowed.
 *
 * @param name         the model input name; letters, digits and underscores, starting with a letter
 * @param field        the record field it reads
 * @param type         the model input type: {@code float} (the default), {@code double}, {@code int64} or
 *                     {@code string}
 * @param defaultValue YAML {@code default}: the value used when the field is absent or null, or null for
 *                     none (the record then fails with {@value #MISSING_FIELD}); a training spec may say
 *                     {@code mean} to have the trainer fill in the training mean
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
        if (type.equals("string") && !transforms.isEmpty()) {
            throw new IllegalArgumentException("feature '" + name + "' has type string and cannot have transforms");
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

    /** Problems that stop this feature from being used at run time; empty when ready. */
    List<String> runtimeProblems() {
        List<String> problems = new ArrayList<>();
        for (Transform transform : transforms) {
            if (transform instanceof Transform.Standardize standardize && !standardize.fitted()) {
                problems.add("feature '" + name + "': standardize has no fitted mean and std (train the model to fit"
                        + " them)");
            }
        }
        if (defaultValue != null && numericField()) {
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
     * Computes this feature from the raw field value.
     *
     * @param raw the field value, or null when absent or null
     * @return a Double for {@code float} and {@code double}, a Long for {@code int64}, a String for
     *         {@code string}
     * @throws PermanentException {@value #MISSING_FIELD}, {@value FieldValues#BAD_TYPE} or {@value #BAD_VALUE},
     *                            naming the field, never its value
     */
    public Object map(Object raw) {
        int next = 0;
        double value;
        if (!transforms.isEmpty() && transforms.get(0) instanceof Transform.IndicatorMissing) {
            value = raw == null ? 1.0 : 0.0;
            next = 1;
        } else {
            Object present = raw != null ? raw : defaultValue;
            if (present == null) {
                throw new PermanentException(MISSING_FIELD, "field '" + field + "' (feature '" + name
                        + "') is missing and the feature has no default");
            }
            if (!numeric()) {
                return FieldValues.toText(present, field, name);
            }
            if (!transforms.isEmpty() && transforms.get(0) instanceof Transform.OneHot oneHot) {
                value = FieldValues.matches(present, oneHot.value(), field, name) ? 1.0 : 0.0;
                next = 1;
            } else {
                value = FieldValues.toNumber(present, field, name);
            }
        }
        for (int i = next; i < transforms.size(); i++) {
            Transform.NumericTransform step = (Transform.NumericTransform) transforms.get(i);
            value = step.apply(value);
            if (!Double.isFinite(value)) {
                throw new PermanentException(BAD_VALUE, "field '" + field + "' (feature '" + name + "'): "
                        + step.kind() + " is undefined for the field's value");
            }
        }
        return type.equals("int64") ? (Object) Math.round(value) : (Object) value;
    }
}
