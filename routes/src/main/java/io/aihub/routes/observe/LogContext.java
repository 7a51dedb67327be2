package io.aihub.routes.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * The context every hub log line carries, kept in the logging MDC (Log4j's {@code ThreadContext}): the route
 * id for the whole life of a route's worker thread, and while one record is handled, a hash of its id (never
 * the id itself, which may be personal data) and its event id. Text logs ignore it; JSON logs
 * ({@code aihub.log.format=json}) write each as a field.
 */
public final class LogContext {

    /** MDC key of the route id. */
    public static final String ROUTE = "route";
    /** MDC key of the first 16 hex digits of the SHA-256 of the record id. */
    public static final String RECORD_ID_HASH = "recordIdHash";
    /** MDC key of the prediction event id (a hash itself, safe to log). */
    public static final String EVENT_ID = "eventId";

    private LogContext() {
    }

    /** Sets the route of the current thread, for as long as the thread runs that route. */
    public static void route(String routeId) {
        if (routeId != null) {
            MDC.put(ROUTE, routeId);
        }
    }

    /**
     * Sets the record and event of the current thread until the returned scope is closed; the previous values
     * come back then.
     *
     * @param recordId the record's id in its source system (only its hash is logged), or null
     * @param eventId  the record's event id, or null
     */
    public static Scope record(String recordId, String eventId) {
        String previousHash = MDC.get(RECORD_ID_HASH);
        String previousEvent = MDC.get(EVENT_ID);
        put(RECORD_ID_HASH, recordId == null ? null : hash(recordId));
        put(EVENT_ID, eventId);
        return () -> {
            put(RECORD_ID_HASH, previousHash);
            put(EVENT_ID, previousEvent);
        };
    }

    /** The first 16 hex digits of the SHA-256 of a record id: stable, to correlate lines, and not reversible. */
    public static String hash(String recordId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(recordId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Restores the MDC on close; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
