package io.aihub.connectors.crm.salesforce;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A position in the (SystemModstamp, Id) order the source reads in: just after the record with this stamp
 * and id.
 *
 * @param systemModstamp the stamp text exactly as Salesforce returned it
 * @param stamp          the parsed stamp
 * @param id             the record id
 */
record SalesforcePosition(String systemModstamp, Instant stamp, String id) {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{15}([0-9A-Za-z]{3})?");

    SalesforcePosition {
        Objects.requireNonNull(systemModstamp, "systemModstamp");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Reads a stored position; null for {@link SourcePosition#START}.
     *
     * @throws PermanentException {@code SALESFORCE_POSITION_INVALID} when the position is not one this
     *                            connector wrote
     */
    static SalesforcePosition of(String instanceName, SourcePosition position) {
        if (position.isStart()) {
            return null;
        }
        String text = position.get(SalesforceSourceTask.POSITION_SYSTEM_MODSTAMP);
        String id = position.get(SalesforceSourceTask.POSITION_ID);
        PermanentException invalid = new PermanentException("SALESFORCE_POSITION_INVALID", "connector '"
                + instanceName + "': the stored position needs keys " + SalesforceSourceTask.POSITION_SYSTEM_MODSTAMP
                + " (a date-time) and " + SalesforceSourceTask.POSITION_ID + " (a record id), got keys "
                + position.values().keySet());
        if (text == null || id == null || !ID.matcher(id).matches() || position.values().size() != 2) {
            throw invalid;
        }
        try {
            return new SalesforcePosition(text, SoqlLiterals.parseDateTime(text), id);
        } catch (DateTimeParseException e) {
            throw invalid;
        }
    }

    SourcePosition toSourcePosition() {
        return SourcePosition.of(SalesforceSourceTask.POSITION_SYSTEM_MODSTAMP, systemModstamp,
                SalesforceSourceTask.POSITION_ID, id);
    }
}
