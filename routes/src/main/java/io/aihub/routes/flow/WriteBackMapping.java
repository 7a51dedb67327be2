package io.aihub.routes.flow;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.sink.SinkRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which prediction values a write-back puts into which fields of the source record, declared as text:
 * {@code Churn_Score__c=score,Churn_Risk__c=band:High@0.6|Medium@0.3|Low}.
 *
 * <p>Values: {@code score} (rounded to 4 decimals), {@code label}, {@code modelVersion}, and
 * {@code band:<name>@<min score>|...|<name>} (the first band whose minimum the score reaches; the last band
 * has no minimum).
 */
public final class WriteBackMapping {

    private final Map<String, ValueRule> rules;

    private WriteBackMapping(Map<String, ValueRule> rules) {
        this.rules = rules;
    }

    /** Parses the declaration; throws IllegalArgumentException listing every problem. */
    public static WriteBackMapping parse(String text) {
        Map<String, ValueRule> rules = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String part : Objects.requireNonNull(text, "text").split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                problems.add("'" + entry + "' is not <field>=<value>");
                continue;
            }
            String field = entry.substring(0, eq).trim();
            try {
                rules.put(field, ValueRule.parse(entry.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                problems.add("field " + field + ": " + e.getMessage());
            }
        }
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add("no fields declared");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid write-back fields: " + String.join("; ", problems));
        }
        return new WriteBackMapping(rules);
    }

    public List<String> fields() {
        return List.copyOf(rules.keySet());
    }

    /** The sink record that writes this event's prediction back into its source record. */
    public SinkRecord toSinkRecord(PredictionEvent event) {
        Map<String, Object> values = new LinkedHashMap<>();
        rules.forEach((field, rule) -> values.put(field, rule.value(event)));
        var source = event.data().source();
        return new SinkRecord(event.id(), source.entity(), source.id(), source.version(), values);
    }

    private interface ValueRule {
        Object value(PredictionEvent event);

        static ValueRule parse(String text) {
            switch (text) {
                case "score":
                    return e -> Math.round(e.data().prediction().score() * 10_000) / 10_000.0;
                case "label":
                    return e -> e.data().prediction().label();
                case "modelVersion":
                    return e -> e.data().prediction().modelVersion();
                default:
                    if (text.startsWith("band:")) {
                        return Bands.parse(text.substring(5));
                    }
                    throw new IllegalArgumentException("unknown value '" + text
                            + "' (use score, label, modelVersion or band:...)");
            }
        }
    }

    private record Bands(List<String> names, List<Double> minimums) implements ValueRule {

        static Bands parse(String text) {
            List<String> names = new ArrayList<>();
            List<Double> minimums = new ArrayList<>();
            String[] parts = text.split("\\|");
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim();
                int at = part.indexOf('@');
                boolean last = i == parts.length - 1;
                if (last != (at < 0)) {
                    throw new IllegalArgumentException("every band but the last needs @<min score>: '" + part + "'");
                }
                names.add(last ? part : part.substring(0, at));
                double min = last ? Double.NEGATIVE_INFINITY : Double.parseDouble(part.substring(at + 1));
                if (!minimums.isEmpty() && min >= minimums.get(minimums.size() - 1)) {
                    throw new IllegalArgumentException("band minimums must decrease: '" + text + "'");
                }
                minimums.add(min);
            }
            return new Bands(names, minimums);
        }

        @Override
        public Object value(PredictionEvent event) {
            double score = event.data().prediction().score();
            for (int i = 0; i < names.size(); i++) {
                if (score >= minimums.get(i)) {
                    return names.get(i);
                }
            }
            return names.get(names.size() - 1);
        }
    }
}
