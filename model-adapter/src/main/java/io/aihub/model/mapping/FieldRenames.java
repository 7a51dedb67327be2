package io.aihub.model.mapping;

import io.aihub.api.error.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a route's field renames, {@code <field the model reads>=<record field>} comma-separated (e.g.
 * {@code NPS__c=aihub_nps,Plan__c=aihub_plan}), for {@link FeatureMapping#withSourceFields(Map)}.
 */
public final class FieldRenames {

    private FieldRenames() {
    }

    /**
     * @param text the renames; null or blank for none
     * @return model field → record field, in declaration order
     * @throws ConfigException naming every malformed or repeated entry
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> renames = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return renames;
        }
        List<String> problems = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                problems.add("'" + entry.trim() + "' is not <model field>=<record field>");
                continue;
            }
            String from = entry.substring(0, eq).trim();
            String to = entry.substring(eq + 1).trim();
            if (from.isEmpty() || to.isEmpty()) {
                problems.add("'" + entry.trim() + "' is not <model field>=<record field>");
            } else if (renames.put(from, to) != null) {
                problems.add("'" + from + "' is renamed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("field renames", problems);
        }
        return Collections.unmodifiableMap(renames);
    }
}
