package io.aihub.routes.outcome;

import io.aihub.api.error.ConfigException;
import io.aihub.api.source.SourceRecord;
import io.aihub.routes.store.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns source records into outcomes for a scoring route: the record's {@code labelField} value, through the
 * {@code labels} table ({@code true=yes,false=no}), is the true class; {@code observedAtField} (optional) says
 * when it happened. A record whose label field is empty has no outcome yet and is skipped; one whose value is not
 * in the table is counted as unmapped.
 */
public final class OutcomeReader {

    /** An outcome page: the outcomes, and how many records had none yet or an unknown value. */
    public record Result(List<Outcome> outcomes, int pending, int unmapped) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }
    }

    private final String scoringRoute;
    private final String labelField;
    private final Map<String, String> labels;
    private final String positiveLabel;
    private final String observedAtField;

    /**
     * @param scoringRoute    the route whose predictions the outcomes judge
     * @param labelField      the source field holding the outcome
     * @param labels          {@code <field value>=<model label>}, comma-separated (values compared
     *                        case-insensitively)
     * @param positiveLabel   the model's positive class, one of the labels
     * @param observedAtField the source field holding when the outcome happened, or empty for the record's
     *                        modification time
     * @throws ConfigException listing every problem
     */
    public OutcomeReader(String scoringRoute, String labelField, String labels, String positiveLabel,
            String observedAtField) {
        List<String> problems = new ArrayList<>();
        this.scoringRoute = required(scoringRoute, "scoringRoute", problems);
        this.labelField = required(labelField, "labelField", problems);
        this.positiveLabel = required(positiveLabel, "positiveLabel", problems);
        this.observedAtField = observedAtField == null ? "" : observedAtField.trim();
        this.labels = parseLabels(labels, problems);
        if (!this.labels.isEmpty() && positiveLabel != null && !this.labels.containsValue(positiveLabel)) {
            problems.add("positiveLabel '" + positiveLabel + "' is not one of the labels " + this.labels.values());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("outcomes of route " + scoringRoute, problems);
        }
    }

    /** The outcomes the records hold. */
    public Result read(List<SourceRecord> records) {
        List<Outcome> outcomes = new ArrayList<>();
        int pending = 0;
        int unmapped = 0;
        for (SourceRecord record : records) {
            Object value = record.fields().get(labelField);
            if (value == null || value.toString().isBlank()) {
                pending++;
                continue;
            }
            String label = labels.get(value.toString().trim().toLowerCase(Locale.ROOT));
            if (label == null) {
                unmapped++;
                continue;
            }
            outcomes.add(new Outcome(scoringRoute, record.system(), record.entity(), record.id(), record.version(),
                    label, label.equals(positiveLabel), observedAt(record), record.system() + "/" + record.entity()
                    + "." + labelField));
        }
        return new Result(outcomes, pending, unmapped);
    }

    private Instant observedAt(SourceRecord record) {
        Object value = observedAtField.isEmpty() ? null : record.fields().get(observedAtField);
        if (value != null) {
            Instant parsed = parseInstant(value.toString());
            if (parsed != null) {
                return parsed;
            }
        }
        return record.modifiedAt() != null ? record.modifiedAt() : Instant.now();
    }

    /** ISO-8601 instants, offsets with or without a colon ({@code +0000}), or plain dates (UTC midnight). */
    static Instant parseInstant(String text) {
        String t = text.trim();
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"),
                    Instant::from);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Map<String, String> parseLabels(String text, List<String> problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            problems.add("labels must map field values to model labels, e.g. true=yes,false=no");
            return labels;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                problems.add("labels entry '" + pair.trim() + "' is not <field value>=<label>");
                continue;
            }
            labels.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
        }
        return labels;
    }

    private static String required(String value, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return null;
        }
        return Objects.requireNonNull(value).trim();
    }
}
