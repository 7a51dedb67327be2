package io.aihub.connectors.common;

import io.aihub.api.error.PermanentException;
import io.aihub.api.http.BoundedBody;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * HTTP calls a connector's {@code stop()} can cut short from another thread: each call is sent asynchronously
 * and waited for, and {@link #close()} cancels every call in flight and refuses new ones. The connector names
 * its own errors, so each keeps its codes and wording. Shared by the Salesforce, Dataverse and SAP connectors.
 */
public final class CancellableRequests implements AutoCloseable {

    /** How a connector reports a call that got no answer. */
    public interface Unavailable {
        /** {@code what} is {@code "timed out"} or {@code "failed (<exception class>)"}. */
        RuntimeException of(String operation, String what, Throwable cause);
    }

    /** The error code of a response body larger than the caller's limit ({@link #bytesUpTo}). */
    public static final String RESPONSE_TOO_LARGE = "HTTP_RESPONSE_TOO_LARGE";

    private final HttpClient http;
    private final Function<String, RuntimeException> stopped;
    private final Unavailable unavailable;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * An HTTP/1.1 client that never follows redirects (a token must not be sent elsewhere).
     *
     * @param stopped     the connector's error for a call refused or cancelled because it is stopping
     * @param unavailable the connector's error for a call that got no answer
     */
    public CancellableRequests(Duration connectTimeout, Function<String, RuntimeException> stopped,
            Unavailable unavailable) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.stopped = stopped;
        this.unavailable = unavailable;
    }

    /** Sends and waits for the answer; throws the connector's own stopped or unavailable error. */
    public <T> HttpResponse<T> send(String operation, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (closed) {
            throw stopped.apply(operation);
        }
        CompletableFuture<HttpResponse<T>> future = http.sendAsync(request, handler);
        inFlight.add(future);
        try {
            if (closed) {
                future.cancel(true);
            }
            return future.get();
        } catch (CancellationException e) {
            throw stopped.apply(operation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw stopped.apply(operation);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (BoundedBody.isTooLarge(cause)) {
                throw new PermanentException(RESPONSE_TOO_LARGE, operation + ": " + cause.getMessage()
                        + "; the server's answer was not read further");
            }
            String what = cause instanceof HttpTimeoutException ? "timed out" : "failed ("
                    + cause.getClass().getSimpleName() + ")";
            throw unavailable.of(operation, what, cause);
        } finally {
            inFlight.remove(future);
        }
    }

    /**
     * A body handler reading at most {@code maxBytes}: a larger {@code Content-Length} is refused before reading, and
     * a body without one is cancelled once it passes the limit (the connection is closed), so a hostile or broken
     * server cannot make the connector buffer more. {@link #send} then throws a {@link PermanentException}
     * {@value #RESPONSE_TOO_LARGE}.
     */
    public static HttpResponse.BodyHandler<byte[]> bytesUpTo(long maxBytes) {
        return BoundedBody.upTo(maxBytes);
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Cancels the calls in flight and refuses new ones; idempotent, from any thread. */
    @Override
    public void close() {
        closed = true;
        inFlight.forEach(f -> f.cancel(true));
    }
}
