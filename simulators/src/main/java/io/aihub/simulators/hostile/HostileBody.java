package io.aihub.simulators.hostile;

/** The kinds of hostile answer a simulator can give its next query or read request ({@link HostileBodies}). */
public enum HostileBody {
    /** 200 with a page whose one record value is nested {@value HostileBodies#DEEP_NESTING} arrays deep. */
    DEEP_NESTING,
    /**
     * 200 with a chunked body (no {@code Content-Length}) of {@value HostileBodies#HUGE_BODY_BYTES} bytes: the start
     * of a page, then whitespace generated on the fly until the client stops reading.
     */
    HUGE_CHUNKED,
    /** 200 with an otherwise valid page whose one string value is {@value HostileBodies#LONG_STRING_CHARS} characters. */
    LONG_STRING
}
