package io.aihub.routes.api;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The admin API's tokens, configured by name as {@code aihub.api.token.<name>.hash} (see {@link TokenHash}) and
 * {@code aihub.api.token.<name>.role} ({@code read-only} or {@code operator}). A request's token is checked
 * against every configured hash, in constant time each, so the time taken does not tell which one matched.
 * Successful PBKDF2 checks are remembered by the token's SHA-256 (in memory only), so a dashboard polling every
 * few seconds does not pay for PBKDF2 each time.
 */
public final class ApiTokens {

    /** Configuration prefix of the tokens. */
    public static final String PREFIX = "aihub.api.token.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_CACHED = 1_000;

    /** Who a request's token belongs to. */
    public record Principal(String name, ApiRole role) {
    }

    private record Entry(Principal principal, TokenHash hash) {
    }

    private final List<Entry> entries;
    private final Map<String, Principal> verifiedSlow = new ConcurrentHashMap<>();

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the tokens from the keys under {@link #PREFIX}, with the prefix removed ({@code ops.hash},
     * {@code ops.role}). Every problem is reported at once; no message repeats a configured value.
     *
     * @throws IllegalArgumentException listing every problem
     */
    public static ApiTokens from(Map<String, String> keys) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        keys.keySet().stream().sorted().forEach(key -> {
            int dot = key.lastIndexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            String setting = dot < 0 ? "" : key.substring(dot + 1);
            if (!NAME.matcher(name).matches()) {
                problems.add(PREFIX + key + ": a token name is letters, digits, '-' or '_' (at most 64)");
            } else if (!setting.equals("hash") && !setting.equals("role")) {
                problems.add(PREFIX + key + " is not a setting: a token has only .hash and .role (the token itself "
                        + "is never configured; ./aihub api-token hash makes its hash)");
            } else {
                byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(setting, keys.get(key));
            }
        });
        List<Entry> entries = new ArrayList<>();
        byName.forEach((name, settings) -> {
            TokenHash hash = null;
            ApiRole role = null;
            if (settings.get("hash") == null) {
                problems.add(PREFIX + name + ".hash is not set");
            } else {
                try {
                    hash = TokenHash.parse(settings.get("hash"));
                } catch (IllegalArgumentException e) {
                    problems.add(PREFIX + name + ".hash: " + e.getMessage());
                }
            }
            try {
                role = ApiRole.parse(settings.get("role"));
            } catch (IllegalArgumentException e) {
                problems.add(PREFIX + name + ".role: " + e.getMessage());
            }
            if (hash != null && role != null) {
                entries.add(new Entry(new Principal(name, role), hash));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("admin API tokens are misconfigured: " + String.join("; ", problems));
        }
        return new ApiTokens(entries);
    }

    /** The configured token names, for the start-up log line. */
    public List<String> names() {
        return entries.stream().map(e -> e.principal().name()).toList();
    }

    /** Whether no token is configured (then every API request is refused). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The token's owner, or empty for a missing or unknown token. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 1_000) {
            return Optional.empty();
        }
        String fingerprint = HexFormat.of().formatHex(TokenHash.sha256Bytes(token));
        Principal cached = verifiedSlow.get(fingerprint);
        if (cached != null) {
            return Optional.of(cached);
        }
        Entry found = null;
        for (Entry entry : entries) {
            if (entry.hash().matches(token) && found == null) {
                found = entry;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        if (found.hash().slow() && verifiedSlow.size() < MAX_CACHED) {
            verifiedSlow.put(fingerprint, found.principal());
        }
        return Optional.of(found.principal());
    }
}
