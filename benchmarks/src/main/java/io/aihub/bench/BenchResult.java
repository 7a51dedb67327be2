package io.aihub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, in the order they are printed: the hub end to end, then the raw parts, then the
 * ratio of the hub's throughput to the slowest raw part.
 *
 * @param records            records measured in each part
 * @param pageSize           records per page, transaction, model call and JDBC batch
 * @param hubThroughput      records/s from the first poll to the last subscriber acknowledgement
 * @param latencyP50Ms       poll to business-subscriber receipt, 50th percentile
 * @param latencyP95Ms       95th percentile of the same
 * @param latencyP99Ms       99th percentile of the same
 * @param publishP50Ms       event {@code time} (envelope built, after scoring) to receipt, 50th percentile
 * @param publishP99Ms       99th percentile of the same
 * @param heapPeakMb         the most heap in use during the hub run (sampled every 100 ms)
 * @param heapAfterGcPeakMb  the most heap left after a garbage collection during the hub run
 * @param heapRetainedMb     heap in use after a full collection at the end of the hub run (before it stops)
 * @param cpuMicrosPerRecord process CPU time during the hub run divided by the records
 * @param rawJmsThroughput   plain JMS producer and consumer, records/s
 * @param rawModelThroughput the ONNX model alone, records/s
 * @param rawJdbcThroughput  plain JDBC batch upserts, records/s
 */
public record BenchResult(long records, int pageSize, double hubThroughput, double latencyP50Ms,
        double latencyP95Ms, double latencyP99Ms, double publishP50Ms, double publishP99Ms, double heapPeakMb,
        double heapAfterGcPeakMb, double heapRetainedMb, double cpuMicrosPerRecord, double rawJmsThroughput, double rawModelThroughput, double rawJdbcThroughput) {

    /** Hub throughput over the slowest raw part. */
    public double ratio() {
        return hubThroughput / Math.min(rawJmsThroughput, Math.min(rawModelThroughput, rawJdbcThroughput));
    }

    /** One line per figure ({@code name: value unit}), the ratio line last. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("hub.throughput: %.1f records/s", hubThroughput));
        lines.add(String.format("hub.latency.p50: %.2f ms", latencyP50Ms));
        lines.add(String.format("hub.latency.p95: %.2f ms", latencyP95Ms));
        lines.add(String.format("hub.latency.p99: %.2f ms", latencyP99Ms));
        lines.add(String.format("hub.publish_to_receipt.p50: %.2f ms", publishP50Ms));
        lines.add(String.format("hub.publish_to_receipt.p99: %.2f ms", publishP99Ms));
        lines.add(String.format("hub.heap.peak: %.1f MB", heapPeakMb));
        lines.add(String.format("hub.heap.after_gc.peak: %.1f MB", heapAfterGcPeakMb));
        lines.add(String.format("hub.heap.retained: %.1f MB", heapRetainedMb));
        lines.add(String.format("hub.cpu.per_record: %.1f us", cpuMicrosPerRecord));
        lines.add(String.format("raw.jms.throughput: %.1f records/s", rawJmsThroughput));
        lines.add(String.format("raw.model.throughput: %.1f records/s", rawModelThroughput));
        lines.add(String.format("raw.jdbc.throughput: %.1f records/s", rawJdbcThroughput));
        lines.add(String.format("ratio: hub/raw=%.3f", ratio()));
        return lines;
    }

    /** The figures as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> hub = new LinkedHashMap<>();
        hub.put("throughputRecordsPerSecond", hubThroughput);
        hub.put("latencyMs", Map.of("p50", latencyP50Ms, "p95", latencyP95Ms, "p99", latencyP99Ms));
        hub.put("publishToReceiptMs", Map.of("p50", publishP50Ms, "p99", publishP99Ms));
        hub.put("heapPeakMb", heapPeakMb);
        hub.put("heapAfterGcPeakMb", heapAfterGcPeakMb);
        hub.put("heapRetainedMb", heapRetainedMb);
        hub.put("cpuMicrosPerRecord", cpuMicrosPerRecord);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("jmsRecordsPerSecond", rawJmsThroughput);
        raw.put("modelRecordsPerSecond", rawModelThroughput);
        raw.put("jdbcRecordsPerSecond", rawJdbcThroughput);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("records", records);
        all.put("pageSize", pageSize);
        all.put("hub", hub);
        all.put("raw", raw);
        all.put("ratioHubOverRaw", ratio());
        return all;
    }
}
