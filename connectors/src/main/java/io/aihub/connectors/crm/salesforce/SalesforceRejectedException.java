package io.aihub.connectors.crm.salesforce;

import io.aihub.api.error.PermanentException;

/**
 * Salesforce refused a call with a 4xx answer that trying again will not change (a malformed query, an
 * unknown field, an invalid locator). The message names the instance, the operation, the HTTP status and
 * Salesforce's error code, never payload values.
 */
public final class SalesforceRejectedException extends PermanentException {

    private static final long serialVersionUID = 1L;

    /** The {@link #code()} of every instance. */
    public static final String CODE = "SALESFORCE_REJECTED";

    private final int httpStatus;
    private final String salesforceErrorCode;

    SalesforceRejectedException(String instanceName, String operation, int httpStatus, String salesforceErrorCode) {
        super(CODE, "connector '" + instanceName + "': Salesforce rejected the " + operation + " (HTTP " + httpStatus
                + ", " + salesforceErrorCode + ")");
        this.httpStatus = httpStatus;
        this.salesforceErrorCode = salesforceErrorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Salesforce's error code, e.g. {@code MALFORMED_QUERY}, or {@code UNKNOWN} when the body had none. */
    public String salesforceErrorCode() {
        return salesforceErrorCode;
    }
}
