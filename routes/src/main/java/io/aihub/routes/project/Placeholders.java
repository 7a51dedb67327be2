package io.aihub.routes.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Camel property placeholders in a text ({@code {{key}}}, {@code {{key:default}}}, {@code {{env:NAME}}},
 * {@code {{mapping:<route>/<part>}}}) and which of them have no value.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final Set<String> FUNCTIONS = Set.of("env", "sys", "sysenv", "mapping", "service", "service.host",
            "service.port", "bean", "ref", "base64", "random", "boolean");

    private Placeholders() {
    }

    /**
     * One placeholder.
     *
     * @param function the function name ({@code env}, {@code mapping}) or null for a property key
     * @param name     the key or the function's argument
     * @param fallback the default after the colon, or null
     */
    public record Placeholder(String text, String function, String name, String fallback) {
    }

    /** Every placeholder in the text, in order. */
    public static List<Placeholder> in(String text) {
        List<Placeholder> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String body = m.group(1).trim();
            if (body.startsWith("?")) {
                body = body.substring(1);
            }
            int colon = body.indexOf(':');
            String head = colon < 0 ? body : body.substring(0, colon);
            if (colon > 0 && FUNCTIONS.contains(head)) {
                String rest = body.substring(colon + 1);
                int second = head.equals("mapping") ? -1 : rest.indexOf(':');
                out.add(new Placeholder(m.group(), head, second < 0 ? rest : rest.substring(0, second),
                        second < 0 ? null : rest.substring(second + 1)));
            } else {
                out.add(new Placeholder(m.group(), null, head, colon < 0 ? null : body.substring(colon + 1)));
            }
        }
        return out;
    }

    /**
     * The placeholders of a text that have no value: a key without a default that no property source sets, an
     * {@code env:} variable without a default that the environment lacks. {@code mapping:} placeholders are left
     * to the mapping checks.
     */
    public static List<String> withoutValue(String text, ProjectConfig config, java.util.Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (Placeholder p : in(text)) {
            if (p.fallback() != null) {
                continue;
            }
            if (p.function() == null && !config.has(p.name())) {
                out.add(p.text());
            } else if ("env".equals(p.function()) && (env.get(p.name()) == null || env.get(p.name()).isBlank())) {
                out.add(p.text());
            } else if ("sys".equals(p.function()) && System.getProperty(p.name()) == null) {
                out.add(p.text());
            }
        }
        return out;
    }
}
