package io.aihub.connectors.crm.dataverse;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the sink does when Dataverse answers 412 Precondition Failed: the record's ETag moved since the version
 * the prediction was made from. Neither policy ever overwrites the newer version.
 */
public enum DataverseConflictPolicy {

    /** Report {@link io.aihub.api.sink.SinkStatus#CONFLICT} ({@code ETAG_MISMATCH}) at once, without another call. */
    SKIP,

    /**
     * Re-read the written columns: when the record already holds exactly the values to write (a retried batch
     * whose first attempt landed, or the same prediction written twice) report
     * {@link io.aihub.api.sink.SinkStatus#SKIPPED_UNCHANGED}; otherwise the record changed since it was scored:
     * report {@link io.aihub.api.sink.SinkStatus#CONFLICT} ({@code CHANGED_SINCE_SCORED}). Its {@code modifiedon}
     * moved, so the source reads the new version and the hub scores and writes it again with the new ETag.
     */
    REREAD;

    /** The configuration value, e.g. {@code reread}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<DataverseConflictPolicy> fromConfigValue(String text) {
        return Arrays.stream(values()).filter(p -> p.configValue().equalsIgnoreCase(text.trim())).findFirst();
    }
}
