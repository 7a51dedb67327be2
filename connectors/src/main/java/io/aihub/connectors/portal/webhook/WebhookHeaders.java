package io.aihub.connectors.portal.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A case-insensitive, read-only view of request headers. A name may appear in the source map under several
 * spellings ({@code Webhook-Id}, {@code webhook-id}); their values are merged.
 */
final class WebhookHeaders {

    /** Thrown by {@link #single} when one header holds two different values. */
    static final class AmbiguousHeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        AmbiguousHeaderException(String name) {
            super("header '" + name + "' was sent more than once with different values", null, false, false);
        }
    }

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    WebhookHeaders(Map<String, List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        headers.forEach((name, list) -> {
            if (name != null && list != null) {
                List<String> merged = values.computeIfAbsent(name, n -> new ArrayList<>());
                list.stream().filter(Objects::nonNull).map(String::trim).forEach(merged::add);
            }
        });
    }

    /**
     * The one value of {@code name}: empty when absent or blank; repeated identical values count as one.
     *
     * @throws AmbiguousHeaderException when the header holds two different values
     */
    Optional<String> single(String name) throws AmbiguousHeaderException {
        List<String> list = values.getOrDefault(name, List.of());
        String found = null;
        for (String value : list) {
            if (value.isEmpty()) {
                continue;
            }
            if (found != null && !found.equals(value)) {
                throw new AmbiguousHeaderException(name);
            }
            found = value;
        }
        return Optional.ofNullable(found);
    }

    /** The first non-blank value of {@code name}, ignoring repeats; for headers that are informative only. */
    Optional<String> first(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).findFirst();
    }

    boolean has(String name) {
        return first(name).isPresent();
    }
}
