package io.aihub.model.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The YAML (and JSON) form of a {@link Transform}: a bare word for steps without parameters, a one-key map
 * for steps with parameters.
 */
final class TransformYaml {

    static final List<String> KINDS = List.of(Transform.Log1p.KIND, Transform.Standardize.KIND,
            Transform.OneHot.KIND, Transform.Clip.KIND, Transform.Bucketize.KIND, Transform.IndicatorMissing.KIND,
            Transform.DaysUntil.KIND, Transform.Concat.KIND, Transform.WordHash.KIND);

    private TransformYaml() {
    }

    /** Reads one transform step. */
    static final class Reader extends StdDeserializer<Transform> {

        private static final long serialVersionUID = 1L;

        Reader() {
            super(Transform.class);
        }

        @Override
        public Transform deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            try {
                return parse(node);
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(Transform.class, "transform: %s", e.getMessage());
            }
        }

        private static Transform parse(JsonNode node) {
            if (node.isTextual()) {
                return bareWord(node.asText());
            }
            if (!node.isObject() || node.size() != 1) {
                throw new IllegalArgumentException("expected a transform name or a map with one transform name as"
                        + " key (known: " + String.join(", ", KINDS) + ")");
            }
            String kind = node.fieldNames().next();
            JsonNode params = node.get(kind);
            return switch (kind) {
                case Transform.Standardize.KIND -> {
                    if (params.isNull() || params.isEmpty()) {
                        yield Transform.Standardize.unfitted();
                    }
                    requireOnly(kind, params, Set.of("mean", "std"));
                    yield new Transform.Standardize(number(kind, params, "mean", true),
                            number(kind, params, "std", true));
                }
                case Transform.OneHot.KIND -> {
                    requireOnly(kind, params, Set.of("value"));
                    JsonNode value = params.get("value");
                    if (value == null || !value.isValueNode() || value.isNull()) {
                        throw new IllegalArgumentException("one-hot needs a 'value'");
                    }
                    yield new Transform.OneHot(value.asText());
                }
                case Transform.Clip.KIND -> {
                    requireOnly(kind, params, Set.of("min", "max"));
                    yield new Transform.Clip(number(kind, params, "min", false), number(kind, params, "max", false));
                }
                case Transform.Bucketize.KIND -> {
                    requireOnly(kind, params, Set.of("boundaries"));
                    JsonNode boundaries = params.get("boundaries");
                    if (boundaries == null || !boundaries.isArray()) {
                        throw new IllegalArgumentException("bucketize needs a 'boundaries' list");
                    }
                    List<Double> values = new ArrayList<>();
                    for (JsonNode boundary : boundaries) {
                        if (!boundary.isNumber()) {
                            throw new IllegalArgumentException("bucketize boundaries must be numbers");
                        }
                        values.add(boundary.asDouble());
                    }
                    yield new Transform.Bucketize(values);
                }
                case Transform.DaysUntil.KIND -> {
                    requireOnly(kind, params, Set.of("field", "reference"));
                    String field = text(kind, params, "field");
                    String reference = text(kind, params, "reference");
                    yield new Transform.DaysUntil(field, reference == null ? null : instant(reference));
                }
                case Transform.Concat.KIND -> {
                    requireOnly(kind, params, Set.of("fields", "separator", "maxLength", "missing"));
                    JsonNode fields = params.get("fields");
                    if (fields == null || !fields.isArray()) {
                        throw new IllegalArgumentException("concat needs a 'fields' list");
                    }
                    List<String> names = new ArrayList<>();
                    for (JsonNode field : fields) {
                        if (!field.isTextual()) {
                            throw new IllegalArgumentException("concat fields must be field names");
                        }
                        names.add(field.asText());
                    }
                    JsonNode maxLength = params.get("maxLength");
                    if (maxLength != null && !maxLength.isNull() && !maxLength.canConvertToExactIntegral()) {
                        throw new IllegalArgumentException("concat 'maxLength' must be a whole number");
                    }
                    yield new Transform.Concat(names, text(kind, params, "separator"),
                            maxLength == null || maxLength.isNull() ? null : maxLength.asInt(),
                            text(kind, params, "missing"));
                }
                case Transform.WordHash.KIND -> {
                    requireOnly(kind, params, Set.of("fields", "buckets", "bucket"));
                    List<String> names = new ArrayList<>();
                    JsonNode fields = params.get("fields");
                    if (fields != null && !fields.isNull()) {
                        if (!fields.isArray()) {
                            throw new IllegalArgumentException("word-hash 'fields' must be a list of field names");
                        }
                        for (JsonNode field : fields) {
                            if (!field.isTextual()) {
                                throw new IllegalArgumentException("word-hash fields must be field names");
                            }
                            names.add(field.asText());
                        }
                    }
                    JsonNode buckets = params.get("buckets");
                    JsonNode bucket = params.get("bucket");
                    if (buckets == null || !buckets.canConvertToExactIntegral()
                            || bucket == null || !bucket.canConvertToExactIntegral()) {
                        throw new IllegalArgumentException("word-hash needs whole numbers 'buckets' and 'bucket'");
                    }
                    yield new Transform.WordHash(names, buckets.asInt(), bucket.asInt());
                }
                case Transform.Log1p.KIND, Transform.IndicatorMissing.KIND -> {
                    if (!params.isNull() && !params.isEmpty()) {
                        throw new IllegalArgumentException(kind + " takes no parameters");
                    }
                    yield bareWord(kind);
                }
                default -> throw unknown(kind);
            };
        }

        private static Transform bareWord(String kind) {
            return switch (kind) {
                case Transform.Log1p.KIND -> new Transform.Log1p();
                case Transform.IndicatorMissing.KIND -> new Transform.IndicatorMissing();
                case Transform.Standardize.KIND -> Transform.Standardize.unfitted();
                case Transform.OneHot.KIND, Transform.Clip.KIND, Transform.Bucketize.KIND, Transform.DaysUntil.KIND,
                        Transform.Concat.KIND, Transform.WordHash.KIND ->
                        throw new IllegalArgumentException(kind + " needs parameters, e.g. {" + kind + ": {...}}");
                default -> throw unknown(kind);
            };
        }

        private static void requireOnly(String kind, JsonNode params, Set<String> allowed) {
            if (!params.isObject()) {
                throw new IllegalArgumentException(kind + " parameters must be a map");
            }
            Iterator<String> names = params.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException(kind + " has no parameter '" + name + "' (known: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private static Double number(String kind, JsonNode params, String name, boolean required) {
            JsonNode value = params.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new IllegalArgumentException(kind + " needs '" + name + "'");
                }
                return null;
            }
            if (!value.isNumber()) {
                throw new IllegalArgumentException(kind + " '" + name + "' must be a number");
            }
            return value.asDouble();
        }

        private static String text(String kind, JsonNode params, String name) {
            JsonNode value = params.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException(kind + " '" + name + "' must be text");
            }
            return value.asText();
        }

        private static Instant instant(String reference) {
            try {
                return OffsetDateTime.parse(reference).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(reference).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new IllegalArgumentException("days-until 'reference' must be an ISO-8601 instant such as"
                            + " 2026-01-01T00:00:00Z, or a date such as 2026-01-01");
                }
            }
        }

        private static IllegalArgumentException unknown(String kind) {
            return new IllegalArgumentException("unknown transform '" + kind + "' (known: "
                    + String.join(", ", KINDS) + ")");
        }
    }

    /** Writes one transform step in the form {@link Reader} reads. */
    static final class Writer extends StdSerializer<Transform> {

        private static final long serialVersionUID = 1L;

        Writer() {
            super(Transform.class);
        }

        @Override
        public void serialize(Transform transform, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            if (transform instanceof Transform.Standardize standardize && standardize.fitted()) {
                start(out, standardize);
                out.writeNumberField("mean", standardize.mean());
                out.writeNumberField("std", standardize.std());
                end(out);
            } else if (transform instanceof Transform.OneHot oneHot) {
                start(out, oneHot);
                out.writeStringField("value", oneHot.value());
                end(out);
            } else if (transform instanceof Transform.Clip clip) {
                start(out, clip);
                if (clip.min() != null) {
                    out.writeNumberField("min", clip.min());
                }
                if (clip.max() != null) {
                    out.writeNumberField("max", clip.max());
                }
                end(out);
            } else if (transform instanceof Transform.Bucketize bucketize) {
                start(out, bucketize);
                out.writeArrayFieldStart("boundaries");
                for (double boundary : bucketize.boundaries()) {
                    out.writeNumber(boundary);
                }
                out.writeEndArray();
                end(out);
            } else if (transform instanceof Transform.DaysUntil daysUntil) {
                start(out, daysUntil);
                if (daysUntil.field() != null) {
                    out.writeStringField("field", daysUntil.field());
                } else {
                    out.writeStringField("reference", daysUntil.reference().toString());
                }
                end(out);
            } else if (transform instanceof Transform.Concat concat) {
                start(out, concat);
                out.writeArrayFieldStart("fields");
                for (String field : concat.fields()) {
                    out.writeString(field);
                }
                out.writeEndArray();
                out.writeStringField("separator", concat.separator());
                out.writeNumberField("maxLength", concat.maxLength());
                if (concat.missing() != null) {
                    out.writeStringField("missing", concat.missing());
                }
                end(out);
            } else if (transform instanceof Transform.WordHash wordHash) {
                start(out, wordHash);
                if (!wordHash.fields().isEmpty()) {
                    out.writeArrayFieldStart("fields");
                    for (String field : wordHash.fields()) {
                        out.writeString(field);
                    }
                    out.writeEndArray();
                }
                out.writeNumberField("buckets", wordHash.buckets());
                out.writeNumberField("bucket", wordHash.bucket());
                end(out);
            } else {
                out.writeString(transform.kind());
            }
        }

        private static void start(JsonGenerator out, Transform transform) throws IOException {
            out.writeStartObject();
            out.writeObjectFieldStart(transform.kind());
        }

        private static void end(JsonGenerator out) throws IOException {
            out.writeEndObject();
            out.writeEndObject();
        }
    }
}
