package io.aihub.connectors.crm.dataverse;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A position in the ({@code modifiedon}, primary key) order the source reads in: just after the record with
 * this stamp and id.
 *
 * @param modifiedOn the {@code modifiedon} text exactly as Dataverse returned it
 * @param stamp      the parsed stamp
 * @param id         the record's primary key (a GUID)
 */
record DataversePosition(String modifiedOn, Instant stamp, String id) {

    /** Position key: the {@code modifiedon} text of the last record returned. */
    static final String MODIFIED_ON = "modifiedon";
    /** Position key: the primary key of the last record returned. */
    static final String ID = "id";

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    DataversePosition {
        Objects.requireNonNull(modifiedOn, "modifiedOn");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(id, "id");
        if (!isGuid(id)) {
            throw new IllegalArgumentException("not a GUID: " + id);
        }
    }

    /** Whether {@code text} is a GUID in its 8-4-4-4-12 form. */
    static boolean isGuid(String text) {
        return text != null && GUID.matcher(text).matches();
    }

    /**
     * Reads a stored position; null for {@link SourcePosition#START}.
     *
     * @throws PermanentException {@code DATAVERSE_POSITION_INVALID} when the position is not one this connector
     *                            wrote
     */
    static DataversePosition of(String instanceName, SourcePosition position) {
        if (position.isStart()) {
            return null;
        }
        String text = position.get(MODIFIED_ON);
        String id = position.get(ID);
        PermanentException invalid = new PermanentException("DATAVERSE_POSITION_INVALID", "connector '"
                + instanceName + "': the stored position needs keys " + MODIFIED_ON + " (a date-time) and " + ID
                + " (a GUID), got keys " + position.values().keySet());
        if (text == null || !isGuid(id) || position.values().size() != 2) {
            throw invalid;
        }
        try {
            return new DataversePosition(text, Instant.parse(text), id);
        } catch (DateTimeParseException e) {
            throw invalid;
        }
    }

    SourcePosition toSourcePosition() {
        return SourcePosition.of(MODIFIED_ON, modifiedOn, ID, id);
    }
}
