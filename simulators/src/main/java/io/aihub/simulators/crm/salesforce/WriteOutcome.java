package io.aihub.simulators.crm.salesforce;

/**
 * The result of one record of a composite update.
 *
 * @param id    the record id to report, or null when the request's id was missing or malformed
 * @param error the error, or null when the record was written
 */
record WriteOutcome(String id, RecordError error) {

    boolean success() {
        return error == null;
    }
}
