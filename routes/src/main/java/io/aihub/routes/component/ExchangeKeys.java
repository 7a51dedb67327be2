package io.aihub.routes.component;

/** Names of exchange headers and properties the aihub components set and read. */
public final class ExchangeKeys {

    /** Header: the route id a page or batch belongs to. */
    public static final String ROUTE_ID = "AihubRouteId";
    /** Header: the number of records in the page or batch. */
    public static final String RECORD_COUNT = "AihubRecordCount";
    /**
     * Property: {@code List<DeadLetter>} a subscriber step produced; the subscriber consumer sends them to the
     * route's dead-letter queue in the same broker transaction that acknowledges the batch.
     */
    public static final String DEAD_LETTERS = "AihubDeadLetters";

    /**
     * Header: {@code Map<String, String>} from {@code <record id>@<version>} to the replay that sent the record
     * back ({@code ./aihub dlq replay}); a record failing again gets a new dead letter instead of one the
     * broker would drop as a duplicate of the first.
     */
    public static final String REPLAYS = "AihubReplays";

    /**
     * Header: {@code Set<String>} of the batch's event ids whose message the broker delivered before (the hub
     * stopped or failed before acknowledging): a sink may already have written them.
     */
    public static final String REDELIVERED = "AihubRedelivered";

    private ExchangeKeys() {
    }
}
