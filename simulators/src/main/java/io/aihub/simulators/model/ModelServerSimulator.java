package io.aihub.simulators.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aihub.api.json.HubJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server shared by the simulated model servers: binds 127.0.0.1 on an ephemeral port, counts scoring
 * requests, remembers the last one's headers and body, and applies queued {@link ModelFault}s to scoring requests
 * one request at a time (generic faults here, protocol-specific ones in the subclass).
 *
 * <p>Lifecycle: {@link #start} (idempotent), then calls from any thread, then {@link #close} (idempotent).
 */
public abstract class ModelServerSimulator implements AutoCloseable {

    /** How deep {@link ModelFault#deepBody()} nests its arrays. */
    public static final int DEEP_BODY_NESTING = 100_000;
    /** How large {@link ModelFault#hugeBody()} is, in bytes. */
    public static final long HUGE_BODY_BYTES = 256L << 20;

    /** Largest request body read. */
    static final int MAX_REQUEST_BYTES = 8 << 20;
    /** JSON for requests and replies; writes NaN as a bare {@code NaN}, as Python servers do. */
    static final ObjectMapper JSON = HubJson.mapperBuilder(MAX_REQUEST_BYTES)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(ModelServerSimulator.class);

    static {
        // The JDK server otherwise sends headers and body in separate packets, and the client's delayed ACK adds
        // about 40 ms to every small answer. Read once, when the first server in the JVM is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String protocol;
    private volatile long hugeBodyBytesSent;
    private final Deque<ModelFault> faults = new ArrayDeque<>();
    private final AtomicInteger scoringRequests = new AtomicInteger();
    private volatile boolean ready = true;
    private volatile SimRequest lastScoring;
    private HttpServer server;
    private ExecutorService executor;
    private volatile String baseUrl;
    private int port;
    private boolean closed;

    protected ModelServerSimulator(String protocol) {
        this.protocol = protocol;
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts serving; does nothing when already started. */
    public final synchronized void start() {
        if (closed) {
            throw new IllegalStateException(protocol + " simulator was closed and cannot be restarted");
        }
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + protocol + " simulator", e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, protocol + "-sim-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
        baseUrl = "http://127.0.0.1:" + port;
        LOG.info("AIHUB-SIM-0201 {} simulator started on {}", protocol, baseUrl);
    }

    /**
     * An outage: the server stops listening, so connections are refused, until {@link #comeBack()} serves again
     * on the same port.
     */
    public final synchronized void goDown() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        LOG.info("AIHUB-SIM-0202 {} simulator down (port {} closed)", protocol, port);
    }

    /** Ends an outage begun with {@link #goDown()}. */
    public final synchronized void comeBack() {
        start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public final String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException(protocol + " simulator is not started");
        }
        return url;
    }

    /** Applies {@code fault} to each of the next {@code times} scoring requests (after faults queued earlier). */
    public final void inject(ModelFault fault, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        synchronized (faults) {
            for (int i = 0; i < times; i++) {
                faults.addLast(fault);
            }
        }
    }

    /** Drops every queued fault. */
    public final void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /** Makes the health and readiness endpoints report not ready (503) or ready again. */
    public final void setReady(boolean nowReady) {
        ready = nowReady;
    }

    /** Whether the server reports itself ready. */
    protected final boolean isReady() {
        return ready;
    }

    /** Scoring requests received so far, faulted or not. */
    public final int scoringRequests() {
        return scoringRequests.get();
    }

    /** A header of the last scoring request (name case-insensitive). */
    public final Optional<String> lastScoringHeader(String name) {
        SimRequest last = lastScoring;
        return last == null ? Optional.empty() : Optional.ofNullable(last.headers().get(name.toLowerCase()));
    }

    /** The body of the last scoring request, parsed. */
    public final JsonNode lastScoringBody() {
        SimRequest last = lastScoring;
        if (last == null) {
            throw new IllegalStateException("no scoring request yet");
        }
        try {
            return JSON.readTree(last.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the last scoring request was not JSON", e);
        }
    }

    /** True when the request is a scoring request (faults apply, it is counted). */
    abstract boolean scoring(SimRequest request);

    /** Answers a request; {@code fault} is the protocol-specific fault for a scoring request, or null. */
    abstract SimReply answer(SimRequest request, ModelFault fault);

    /** The protocol's error body for a status and message. */
    abstract String errorBody(int status, String message);

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            SimRequest request = read(exchange);
            SimReply reply;
            if (scoring(request)) {
                scoringRequests.incrementAndGet();
                lastScoring = request;
                ModelFault fault = nextFault();
                if (fault != null && fault.kind() == ModelFault.Kind.CONNECTION_RESET) {
                    return;
                }
                if (fault != null && fault.kind() == ModelFault.Kind.HUGE_BODY) {
                    writeHuge(exchange);
                    return;
                }
                reply = applyFault(request, fault);
                if (fault != null && fault.kind() == ModelFault.Kind.TRUNCATED_BODY) {
                    writeHalf(exchange, reply);
                    return;
                }
            } else {
                reply = answer(request, null);
            }
            write(exchange, reply);
        } catch (RuntimeException e) {
            LOG.warn("AIHUB-SIM-0204 {} simulator failed a request: {}", protocol, e.toString());
        }
    }

    private ModelFault nextFault() {
        synchronized (faults) {
            return faults.pollFirst();
        }
    }

    private SimReply applyFault(SimRequest request, ModelFault fault) {
        if (fault == null) {
            return answer(request, null);
        }
        return switch (fault.kind()) {
            case DELAY -> {
                pause(fault);
                yield answer(request, null);
            }
            case STATUS -> SimReply.json(fault.status(), errorBody(fault.status(), "simulated failure"));
            case THROTTLE -> new SimReply(429, errorBody(429, "rate limit reached"), Map.of(
                    "Content-Type", "application/json", "Retry-After", Long.toString(fault.retryAfterSeconds())));
            case MALFORMED_BODY -> SimReply.json(200, "{\"outputs\": [{\"name\": ");
            case DEEP_BODY -> SimReply.json(200, "{\"outputs\": " + "[".repeat(DEEP_BODY_NESTING)
                    + "]".repeat(DEEP_BODY_NESTING) + "}");
            case ERROR_BODY -> SimReply.json(fault.status(), errorBody(fault.status(), fault.message()));
            case TRUNCATED_BODY -> answer(request, null);
            default -> answer(request, fault);
        };
    }

    private static void pause(ModelFault fault) {
        try {
            Thread.sleep(fault.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES);
        }
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.put(header.getKey().toLowerCase(), header.getValue().get(0));
            }
        }
        return new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, SimReply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Streams a {@value #HUGE_BODY_BYTES}-byte JSON string chunked, until the client stops reading; records how many
     * bytes went out ({@link #lastHugeBodyBytesSent()}).
     */
    private void writeHuge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"outputs\": \"".getBytes(StandardCharsets.US_ASCII));
            while (sent < HUGE_BODY_BYTES) {
                out.write(chunk);
                sent += chunk.length;
                hugeBodyBytesSent = sent;
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debug("{} simulator: client stopped reading the huge body after {} bytes", protocol, sent);
        }
    }

    /** How many bytes of the last {@link ModelFault#hugeBody()} answer went out before the client stopped reading. */
    public final long lastHugeBodyBytesSent() {
        return hugeBodyBytesSent;
    }

    /** Announces the reply's full length and sends half of it; closing the exchange then cuts it short. */
    private static void writeHalf(HttpExchange exchange, SimReply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
    }

    /** Serialises a reply body. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops serving at once; later calls do nothing. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("AIHUB-SIM-0203 {} simulator on {} stopped", protocol, baseUrl);
        }
    }
}
