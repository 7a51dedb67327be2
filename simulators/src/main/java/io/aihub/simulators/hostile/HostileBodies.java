package io.aihub.simulators.hostile;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulator's pending hostile answer and the bytes its last one sent. The simulator asks {@link #take()} when a
 * query or read request arrives and, when a kind is pending, streams it with {@link #stream} or {@link #send}
 * around a page template of its own protocol: a valid one-record page in which the string {@value #VALUE_MARKER}
 * (with its quotes) stands for the value to spoil. Nothing is held in memory: every body is written in
 * {@value #CHUNK_BYTES}-byte chunks generated on the fly, and writing stops when the client stops reading.
 */
public final class HostileBodies {

    /** How deep {@link HostileBody#DEEP_NESTING} nests arrays. */
    public static final int DEEP_NESTING = 100_000;
    /** The size of a {@link HostileBody#HUGE_CHUNKED} body had the client read it all (256 MiB). */
    public static final long HUGE_BODY_BYTES = 256L << 20;
    /** The length of the {@link HostileBody#LONG_STRING} value (5 MB). */
    public static final int LONG_STRING_CHARS = 5_000_000;
    /** The JSON string in a page template the hostile value replaces. */
    public static final String VALUE_MARKER = "\"@@HOSTILE@@\"";

    private static final Logger LOG = LoggerFactory.getLogger(HostileBodies.class);
    private static final int CHUNK_BYTES = 64 * 1024;

    private final AtomicReference<HostileBody> next = new AtomicReference<>();
    private final AtomicLong lastBytesSent = new AtomicLong();

    /** The next query or read request gets {@code kind} instead of its answer (once). */
    public void answerNextWith(HostileBody kind) {
        next.set(Objects.requireNonNull(kind, "kind"));
    }

    /** The pending kind, consumed, or null when none is pending. */
    public HostileBody take() {
        return next.getAndSet(null);
    }

    /** How many body bytes the last hostile answer wrote before it ended or the client stopped reading. */
    public long lastBytesSent() {
        return lastBytesSent.get();
    }

    /** Sends 200 chunked with {@code contentType} and streams {@code kind} around {@code template}; closes. */
    public void send(HttpExchange exchange, HostileBody kind, String contentType, String template) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            stream(exchange.getResponseBody(), kind, template);
            exchange.getResponseBody().close();
        } catch (IOException e) {
            LOG.debug("the client stopped reading a hostile {} answer: {}", kind, e.toString());
        }
    }

    /**
     * Writes {@code kind} around {@code template} to {@code out}, counting the bytes; a client that stops reading
     * ends it quietly.
     */
    public void stream(OutputStream out, HostileBody kind, String template) {
        int at = template.indexOf(VALUE_MARKER);
        if (at < 0) {
            throw new IllegalArgumentException("the page template has no " + VALUE_MARKER);
        }
        lastBytesSent.set(0);
        Counting counted = new Counting(out);
        try {
            counted.write(ascii(template.substring(0, at)));
            switch (kind) {
                case DEEP_NESTING -> {
                    repeat(counted, (byte) '[', DEEP_NESTING);
                    repeat(counted, (byte) ']', DEEP_NESTING);
                }
                case HUGE_CHUNKED -> repeat(counted, (byte) ' ', HUGE_BODY_BYTES);
                case LONG_STRING -> {
                    counted.write(ascii("\""));
                    repeat(counted, (byte) 'x', LONG_STRING_CHARS);
                    counted.write(ascii("\""));
                }
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
            if (kind == HostileBody.HUGE_CHUNKED) {
                counted.write(ascii("\"\""));
            }
            counted.write(ascii(template.substring(at + VALUE_MARKER.length())));
            counted.flush();
        } catch (IOException e) {
            LOG.debug("the client stopped reading a hostile {} answer after {} bytes: {}", kind,
                    lastBytesSent.get(), e.toString());
        }
    }

    private static void repeat(OutputStream out, byte value, long count) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        Arrays.fill(chunk, value);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts what reaches the client's stream into {@link #lastBytesSent}. */
    private final class Counting extends OutputStream {
        private final OutputStream out;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            lastBytesSent.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            lastBytesSent.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
