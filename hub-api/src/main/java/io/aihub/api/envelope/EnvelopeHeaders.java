package io.aihub.api.envelope;

/** Message header names every published prediction and every dead-lettered record carries. */
public final class EnvelopeHeaders {

    public static final String ROUTE = "aihubRoute";
    public static final String MODEL = "aihubModel";
    public static final String MODEL_VERSION = "aihubModelVersion";
    public static final String SOURCE_SYSTEM = "aihubSourceSystem";
    public static final String ENTITY = "aihubEntity";
    public static final String RECORD_ID = "aihubRecordId";
    public static final String EVENT_ID = "aihubEventId";

    /** Dead-letter reason: the stable error code. */
    public static final String ERROR_CODE = "aihubErrorCode";
    /** Dead-letter reason: the exception class. */
    public static final String ERROR_CLASS = "aihubErrorClass";
    /** Dead-letter reason: the message, never containing payload values. */
    public static final String ERROR_MESSAGE = "aihubErrorMessage";
    /** Dead-letter reason: the route step that failed, e.g. {@code map}, {@code score}. */
    public static final String FAILED_STEP = "aihubFailedStep";

    private EnvelopeHeaders() {
    }
}
