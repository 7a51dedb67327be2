package io.aihub.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aihub.api.json.HubJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An open-loop webhook client: event {@code i} is due at {@code start + i / rate} whatever happened to the
 * earlier ones, signed then (Standard Webhooks: HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}
 * with the decoded {@code whsec_} key, as a real portal signs) and handed to the JDK HTTP client asynchronously;
 * the sender never waits for an answer before the next send. A sender that falls behind (a pause of its own
 * thread) sends the late events at once; their lateness stays visible, because latency is also measured from
 * the instant each event was due ({@link #due}), which avoids coordinated omission.
 *
 * <p>Per event it keeps: when it was due, when it was handed to the HTTP client ({@link #sentAt}), when the answer
 * came and its status ({@code -1}: no answer, an I/O error or the {@link #TIMEOUT}). Event {@code i} has the
 * record id {@link #recordId}{@code (i)}, unique to the run. The body is
 * {@code {"type","timestamp","data":{"id",<fields>}}} with the fields of {@link BenchData} record {@code i}.
 */
final class OpenLoopSender implements AutoCloseable {

    /** How long a connection and an answer may take; a request without an answer by then counts as refused. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The status recorded for a request that got no answer. */
    static final int NO_ANSWER = -1;

    private final URI target;
    private final byte[] key;
    private final String eventPrefix;
    private final String recordPrefix;
    private final int rate;
    private final int events;
    private final List<String> fieldsJson;
    private final ExecutorService callbacks;
    private final HttpClient http;
    private final long[] due;
    private final long[] sent;
    private final AtomicLongArray answered;
    private final AtomicIntegerArray status;
    private final AtomicLong sentCount = new AtomicLong();
    private final AtomicLong answeredCount = new AtomicLong();
    private final AtomicLong refusedCount = new AtomicLong();
    private volatile boolean stopped;

    /**
     * @param target      where to POST
     * @param whsecSecret the Standard Webhooks secret, {@code whsec_<base64>}
     * @param runTag      makes this run's event and record ids unique, so a kept work dir's duplicate cache drops
     *                    none and no subscriber takes another run's prediction for one of this run
     * @param rate        events per second
     * @param events      events in all
     */
    OpenLoopSender(URI target, String whsecSecret, String runTag, int rate, int events) {
        this.target = target;
        this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        this.eventPrefix = "evt_" + runTag + "_";
        this.recordPrefix = "wh-" + runTag + "-";
        this.rate = rate;
        this.events = events;
        this.fieldsJson = fieldsJson();
        this.callbacks = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-webhook-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .executor(callbacks).build();
        this.due = new long[events];
        this.sent = new long[events];
        this.answered = new AtomicLongArray(events);
        this.status = new AtomicIntegerArray(events);
    }

    /** The record id of event {@code index}. */
    String recordId(int index) {
        return recordPrefix + index;
    }

    /** The event index of a record id, or -1 when it is none of this sender's. */
    int indexOf(String recordId) {
        if (recordId == null || !recordId.startsWith(recordPrefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(recordId.substring(recordPrefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The fields of each distinct {@link BenchData} record as a JSON object, written once. */
    private static List<String> fieldsJson() {
        List<String> out = new ArrayList<>(BenchData.RING);
        for (int i = 0; i < BenchData.RING; i++) {
            try {
                out.add(HubJson.mapper().writeValueAsString(BenchData.fields(i)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the fields of bench record " + i, e);
            }
        }
        return out;
    }

    /**
     * Sends every event on schedule, starting at {@code startNanos}; returns after the last send, or early after
     * {@link #stop} (answers may still be outstanding: see {@link #answered()}). The events sent are always the
     * first {@link #sent()}. Call once, from one thread.
     */
    void sendAll(long startNanos) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (int i = 0; i < events && !stopped; i++) {
            long dueAt = startNanos + i * 1_000_000_000L / rate;
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            due[i] = dueAt;
            HttpRequest request = request(i, mac);
            int index = i;
            sent[i] = System.nanoTime();
            sentCount.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> answer(index, failure == null ? response.statusCode()
                            : NO_ANSWER));
        }
    }

    private HttpRequest request(int i, Mac mac) {
        Instant now = Instant.now();
        String id = eventPrefix + i;
        String fields = fieldsJson.get(i % BenchData.RING);
        String body = "{\"type\":\"account.updated\",\"timestamp\":\"" + now + "\",\"data\":{\"id\":\""
                + recordId(i) + "\"" + (fields.length() > 2 ? "," + fields.substring(1) : "}") + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(now.getEpochSecond());
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
        return HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private void answer(int index, int code) {
        answered.set(index, System.nanoTime());
        status.set(index, code);
        if (code < 200 || code > 299) {
            refusedCount.incrementAndGet();
        }
        answeredCount.incrementAndGet();
    }

    /** Makes {@link #sendAll} return before its next send. Thread-safe. */
    void stop() {
        stopped = true;
    }

    /** Whether {@link #stop} was called. */
    boolean stopped() {
        return stopped;
    }

    int events() {
        return events;
    }

    long sent() {
        return sentCount.get();
    }

    long answered() {
        return answeredCount.get();
    }

    long refused() {
        return refusedCount.get();
    }

    /** When event {@code i} was due. Read after {@link #sendAll} returned, on its thread or after joining it. */
    long due(int i) {
        return due[i];
    }

    /** When event {@code i} was handed to the HTTP client (signed, ready to go). */
    long sentAt(int i) {
        return sent[i];
    }

    /** When event {@code i}'s answer came, 0 while none came. */
    long answeredAt(int i) {
        return answered.get(i);
    }

    /** The HTTP status of event {@code i}, {@link #NO_ANSWER} for none, 0 while it is outstanding. */
    int status(int i) {
        return status.get(i);
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
