package io.aihub.model.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
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
            Transform.OneHot.KIND, Transform.Clip.KIND, Transform.Bucketize.KIND, Transform.IndicatorMissing.KIND);

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
                case Transform.OneHot.KIND, Transform.Clip.KIND, Transform.Bucketize.KIND ->
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
