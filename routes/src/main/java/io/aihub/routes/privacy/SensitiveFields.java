package io.aihub.routes.privacy;

import io.aihub.api.error.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fields one route marks sensitive, and what becomes of each before a record block leaves the hub: masked,
 * hashed with a keyed HMAC-SHA256 (so equal values can still be joined, but not be guessed without the key), or
 * dropped. Configured as {@code aihub.route.<route>.sensitive = Email__c:hash,Phone:mask,Notes:drop}.
 * Immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class SensitiveFields {

    /** The property holding the HMAC key ({@code AIHUB_PII_HASHKEY} in the environment, or the secrets file). */
    public static final String HASH_KEY = "aihub.pii.hashKey";
    /** The shortest HMAC key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 16;
    /** A route that marks nothing: records pass unchanged. */
    public static final SensitiveFields NONE = new SensitiveFields(Map.of(), null);

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,127}");
    private static final String MASK = "****";
    private static final int VISIBLE_TAIL = 4;
    private static final int MIN_LENGTH_TO_SHOW_TAIL = 8;

    private final Map<String, FieldProtection> protections;
    private final SecretKeySpec key;

    private SensitiveFields(Map<String, FieldProtection> protections, SecretKeySpec key) {
        this.protections = Collections.unmodifiableMap(new LinkedHashMap<>(protections));
        this.key = key;
    }

    /**
     * Reads a route's setting, reporting every problem at once.
     *
     * @param subject what is configured, for messages (e.g. {@code aihub.route.crm.sensitive})
     * @param spec    {@code <field>:<mask|hash|drop>}, comma-separated; blank for none
     * @param hashKey the HMAC key; needed only when some field is hashed
     * @throws ConfigException naming each bad entry (never the key)
     */
    public static SensitiveFields parse(String subject, String spec, Optional<String> hashKey) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<String, FieldProtection> protections = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            String field = colon < 0 ? item : item.substring(0, colon).trim();
            FieldProtection protection = colon < 0 ? null : FieldProtection.parse(item.substring(colon + 1));
            if (!FIELD.matcher(field).matches()) {
                problems.add("'" + field + "' is not a field name");
            } else if (protection == null) {
                problems.add("field " + field + " needs ':mask', ':hash' or ':drop'");
            } else if (protections.putIfAbsent(field, protection) != null) {
                problems.add("field " + field + " is listed twice");
            }
        }
        SecretKeySpec key = null;
        if (protections.containsValue(FieldProtection.HASH)) {
            String text = hashKey.filter(k -> !k.isBlank()).orElse(null);
            if (text == null) {
                problems.add("hashing needs " + HASH_KEY + " (environment variable AIHUB_PII_HASHKEY or the secrets"
                        + " file)");
            } else if (text.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
                problems.add(HASH_KEY + " must be at least " + MIN_KEY_BYTES + " bytes long");
            } else {
                key = new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        return new SensitiveFields(protections, key);
    }

    /** Field name to its protection, in configuration order. */
    public Map<String, FieldProtection> protections() {
        return protections;
    }

    public boolean isEmpty() {
        return protections.isEmpty();
    }

    /**
     * A copy of {@code record} with every sensitive field protected; other fields and null values are kept as
     * they are.
     */
    public Map<String, Object> protect(Map<String, Object> record) {
        if (protections.isEmpty()) {
            return record;
        }
        Map<String, Object> out = new LinkedHashMap<>(record.size());
        record.forEach((field, value) -> {
            FieldProtection protection = protections.get(field);
            if (protection == null || (value == null && protection != FieldProtection.DROP)) {
                out.put(field, value);
            } else if (protection == FieldProtection.MASK) {
                out.put(field, mask(value));
            } else if (protection == FieldProtection.HASH) {
                out.put(field, hash(value));
            }
        });
        return out;
    }

    /** {@code ****} followed by the last four characters of a value of at least 8 characters. */
    static String mask(Object value) {
        String text = String.valueOf(value);
        return text.length() < MIN_LENGTH_TO_SHOW_TAIL ? MASK
                : MASK + text.substring(text.length() - VISIBLE_TAIL);
    }

    /**
     * {@code hmac-sha256:} and the lower-case hex HMAC-SHA256 of the value's text ({@link String#valueOf}, UTF-8,
     * no case folding or trimming), so a business system holding the key computes the same value.
     */
    String hash(Object value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            return "hmac-sha256:" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SensitiveFields" + protections;
    }
}
