package io.aihub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the used heap every 100 ms (its peak over a measured window) and reads the process CPU time, so
 * a run can report heap peak and CPU time per record.
 */
final class ResourceMeter implements AutoCloseable {

    private static final long SAMPLE_MS = 100;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakHeapBytes;

    ResourceMeter() {
        sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
    }

    void start() {
        peakHeapBytes = memory.getHeapMemoryUsage().getUsed();
        sampler.start();
    }

    private void sample() {
        while (running) {
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used > peakHeapBytes) {
                peakHeapBytes = used;
            }
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    /** CPU time of the whole process so far, in nanoseconds, or -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
