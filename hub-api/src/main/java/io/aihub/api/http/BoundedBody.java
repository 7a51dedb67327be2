package io.aihub.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Response bodies read up to a byte limit, so a hostile or broken server cannot make the hub buffer more: a larger
 * {@code Content-Length} is refused before a byte is read, and a body without one (chunked) is cancelled, closing
 * the connection, as soon as it passes the limit. The response then fails with {@link TooLargeException} (as the
 * cause of the {@code ExecutionException} or {@code IOException} the HTTP client throws).
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** Why a body was cut off: its size passed the limit. The message holds the limit, never body content. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(long limit) {
            super("the response body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit the body passed, in bytes. */
        public long limit() {
            return limit;
        }
    }

    private final long cap;
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** {@code cap} 0 refuses at once (a declared length above {@code limit}). */
    private BoundedBody(long cap, long limit) {
        this.cap = cap;
        this.limit = limit;
    }

    /** A body handler reading at most {@code maxBytes} bytes of a response. */
    public static HttpResponse.BodyHandler<byte[]> upTo(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return info -> {
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new BoundedBody(length > maxBytes ? 0 : maxBytes, maxBytes);
        };
    }

    /** True when {@code failure} or its cause is a body cut off at its limit. */
    public static boolean isTooLarge(Throwable failure) {
        return failure instanceof TooLargeException
                || (failure != null && failure.getCause() instanceof TooLargeException);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cap == 0) {
            subscription.cancel();
            result.completeExceptionally(new TooLargeException(limit));
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
