package io.aihub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the webhook latency run (warm-up left out), in the order they are printed. Latencies are in
 * milliseconds; receipt is the business subscriber's.
 *
 * @param targetRate      events per second the client scheduled
 * @param seconds         how long it sent
 * @param sent            events sent
 * @param stoppedEarly    whether the sender stopped before its schedule ended (the hub fell too far behind)
 * @param refused         events not answered 2xx: another status, an I/O error or no answer within the timeout
 * @param refusedByReason refused events by status ({@code 429}, {@code 503}...) or {@code no-answer}
 * @param received        distinct events whose prediction the subscriber received
 * @param achievedRate    events per second the client actually sent (first to last send)
 * @param latency         from the send (the signed request handed to the HTTP client) to receipt
 * @param fromSchedule    from the instant the event was due to receipt (free of coordinated omission)
 * @param response        from the instant the event was due to its 2xx answer at the sender
 */
public record WebhookResult(int targetRate, int seconds, long sent, boolean stoppedEarly, long refused,
        Map<String, Long> refusedByReason, long received, double achievedRate, Percentiles latency,
        Percentiles fromSchedule, Percentiles response) {

    /**
     * Percentiles of one latency, in milliseconds (NaN without samples).
     *
     * @param p50 median
     * @param p99 99th percentile
     * @param max the largest
     */
    public record Percentiles(double p50, double p99, double max) {

        static Percentiles of(LatencyHistogram latencies) {
            return new Percentiles(latencies.percentileMillis(50), latencies.percentileMillis(99),
                    latencies.percentileMillis(100));
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("p50", p50);
            map.put("p99", p99);
            map.put("max", max);
            return map;
        }
    }

    public WebhookResult {
        refusedByReason = Map.copyOf(refusedByReason);
    }

    /** One line per figure, {@code name: value unit}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("webhook.sent: %d events%s", sent,
                stoppedEarly ? " (stopped early: the hub fell behind)" : ""));
        lines.add(String.format("webhook.refused: %d events%s", refused,
                refusedByReason.isEmpty() ? "" : " " + new TreeMap<>(refusedByReason)));
        lines.add(String.format("webhook.received: %d events", received));
        lines.add(String.format("webhook.rate: %.1f events/s (target %d)", achievedRate, targetRate));
        lines.add(String.format("webhook.latency.p50: %.2f ms", latency.p50()));
        lines.add(String.format("webhook.latency.p99: %.2f ms", latency.p99()));
        lines.add(String.format("webhook.latency.max: %.2f ms", latency.max()));
        lines.add(String.format("webhook.schedule_to_receipt.p50: %.2f ms", fromSchedule.p50()));
        lines.add(String.format("webhook.schedule_to_receipt.p99: %.2f ms", fromSchedule.p99()));
        lines.add(String.format("webhook.schedule_to_receipt.max: %.2f ms", fromSchedule.max()));
        lines.add(String.format("webhook.response.p50: %.2f ms", response.p50()));
        lines.add(String.format("webhook.response.p99: %.2f ms", response.p99()));
        return lines;
    }

    /** The figures as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("targetRatePerSecond", targetRate);
        map.put("seconds", seconds);
        map.put("sent", sent);
        map.put("stoppedEarly", stoppedEarly);
        map.put("refused", refused);
        map.put("refusedByReason", new TreeMap<>(refusedByReason));
        map.put("received", received);
        map.put("achievedRatePerSecond", achievedRate);
        map.put("sendToReceiptMs", latency.toMap());
        map.put("scheduleToReceiptMs", fromSchedule.toMap());
        map.put("scheduleToResponseMs", response.toMap());
        return map;
    }
}
