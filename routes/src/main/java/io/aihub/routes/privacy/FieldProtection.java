package io.aihub.routes.privacy;

import java.util.Locale;

/** What happens to a sensitive field's value before it leaves the hub in an envelope's {@code record} block. */
public enum FieldProtection {

    /** Replaced by {@code ****} and the value's last four characters (all of it hidden when shorter than 8). */
    MASK,
    /** Replaced by {@code hmac-sha256:<hex>}, keyed with {@code aihub.pii.hashKey}: equal values stay joinable. */
    HASH,
    /** Left out of the record block. */
    DROP;

    /** The name used in configuration: {@code mask}, {@code hash} or {@code drop}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The protection named {@code text} (any letter case), or null when there is none by that name. */
    static FieldProtection parse(String text) {
        for (FieldProtection p : values()) {
            if (p.configValue().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        return null;
    }
}
