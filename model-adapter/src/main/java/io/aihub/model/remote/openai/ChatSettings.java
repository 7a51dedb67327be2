package io.aihub.model.remote.openai;

import io.aihub.api.error.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code chat} block of an {@code openai-chat} model's {@code model.yaml}.
 *
 * @param system        the system message, or null for none
 * @param prompt        the user message template; {@code {{feature}}} is replaced by that feature's value
 * @param schemaName    the {@code json_schema.name} sent; default {@code prediction}
 * @param schema        the JSON schema the content must satisfy; sent as {@code response_format} and checked on
 *                      every answer
 * @param labelProperty the content property holding the label; must be a property of the schema
 * @param scoreProperty the content property holding a number in [0, 1] used as the score, or null for a score of 1
 * @param temperature   sampling temperature; default 0
 * @param maxTokens     {@code max_tokens}; default 256
 */
public record ChatSettings(String system, String prompt, String schemaName, Map<String, Object> schema,
        String labelProperty, String scoreProperty, Double temperature, Integer maxTokens) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ChatSettings {
        schemaName = schemaName == null ? "prediction" : schemaName;
        temperature = temperature == null ? 0.0 : temperature;
        maxTokens = maxTokens == null ? 256 : maxTokens;
        schema = schema == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        List<String> problems = new ArrayList<>();
        if (prompt == null || prompt.isBlank()) {
            problems.add("prompt must be a template with {{feature}} placeholders");
        }
        if (!NAME.matcher(schemaName).matches()) {
            problems.add("schemaName must be letters, digits, '_' or '-' (at most 64)");
        }
        if (schema == null || !"object".equals(schema.get("type")) || !(schema.get("properties") instanceof Map)) {
            problems.add("schema must be a JSON schema of type object with properties");
        } else {
            Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
            if (labelProperty == null || !properties.containsKey(labelProperty)) {
                problems.add("labelProperty must name a property of the schema");
            }
            if (scoreProperty != null && !properties.containsKey(scoreProperty)) {
                problems.add("scoreProperty must name a property of the schema");
            }
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            problems.add("temperature must be in [0, 2]");
        }
        if (maxTokens < 1 || maxTokens > 100_000) {
            problems.add("maxTokens must be between 1 and 100000");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("chat", problems);
        }
    }

    /** The feature names the prompt and system message use, each once, in order of first use. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String text : new String[] {system, prompt}) {
            if (text != null) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** {@code template} with every placeholder replaced by its value (absent values become empty text). */
    static String render(String template, Map<String, Object> values) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
