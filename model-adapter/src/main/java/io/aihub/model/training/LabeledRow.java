package io.aihub.model.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training example: a record's fields and its known class label.
 *
 * @param fields the record fields, as a connector would deliver them; null values allowed
 * @param label  the true class label, one of the training spec's labels
 */
public record LabeledRow(Map<String, Object> fields, String label) {

    public LabeledRow {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a labelled row needs a label");
        }
    }
}
