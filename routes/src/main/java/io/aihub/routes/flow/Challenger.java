package io.aihub.routes.flow;

import io.aihub.api.envelope.EventIds;
import io.aihub.api.error.ConfigException;
import java.util.List;

/**
 * A second version of a route's model.
 * <ul>
 * <li><b>shadow</b> ({@code shadow=<version>}): scores the same records as the champion; its result goes in the
 *     envelope's {@code shadow} block and the BI table ({@code prediction_shadows}), never into write-back;</li>
 * <li><b>canary</b> ({@code canary=<version>:<percent>}): scores {@code percent} % of the records instead of the
 *     champion, chosen by a stable hash of the record id, so a record always goes to the same version.</li>
 * </ul>
 *
 * @param version the challenger's model version
 * @param canary  true for canary, false for shadow
 * @param percent the canary share, 0 to 100
 */
public record Challenger(String version, boolean canary, int percent) {

    /** The challenger a route's {@code shadow} and {@code canary} options declare, or null for none. */
    public static Challenger parse(String shadow, String canary) {
        boolean hasShadow = shadow != null && !shadow.isBlank();
        boolean hasCanary = canary != null && !canary.isBlank();
        if (hasShadow && hasCanary) {
            throw new ConfigException("challenger", List.of("a route has either a shadow or a canary, not both"));
        }
        if (hasShadow) {
            return new Challenger(shadow.trim(), false, 0);
        }
        if (!hasCanary) {
            return null;
        }
        int colon = canary.lastIndexOf(':');
        try {
            int percent = Integer.parseInt(canary.substring(colon + 1).trim());
            if (colon > 0 && percent >= 0 && percent <= 100) {
                return new Challenger(canary.substring(0, colon).trim(), true, percent);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("canary", List.of("'" + canary.trim() + "' is not <version>:<percent 0-100>"));
    }

    /** True when a canary sends this record to the challenger: the same answer for the same id, always. */
    public boolean takes(String recordId) {
        if (!canary) {
            return false;
        }
        String hash = EventIds.sha256Hex(recordId);
        return Integer.parseInt(hash.substring(0, 6), 16) % 100 < percent;
    }
}
