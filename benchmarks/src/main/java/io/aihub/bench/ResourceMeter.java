package io.aihub.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap and CPU of a window of a run: the used heap sampled every 100 ms (its peak, garbage not
 * yet collected included), the heap left after each garbage collection (its peak, and the latest), and the
 * process CPU time, so a run can report heap figures and CPU time per record. The heap left after a
 * collection is what must stay bounded as the records grow.
 */
final class ResourceMeter implements AutoCloseable {

    private static final long SAMPLE_MS = 100;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final List<NotificationEmitter> collectors = new ArrayList<>();
    /** The heap's pools (a collection reports every pool, metaspace and code cache included). */
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private final NotificationListener afterGc = this::collected;
    private volatile boolean running = true;
    private volatile long peakHeapBytes;
    private volatile long peakAfterGcBytes;
    private volatile long lastAfterGcBytes = -1;

    ResourceMeter() {
        sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
    }

    void start() {
        peakHeapBytes = memory.getHeapMemoryUsage().getUsed();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(afterGc, null, null);
                collectors.add(emitter);
            }
        }
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

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        afterCollection(used);
    }

    /** Notes the heap left after one collection (the sum over the heap's pools). */
    private synchronized void afterCollection(long usedBytes) {
        lastAfterGcBytes = usedBytes;
        if (usedBytes > peakAfterGcBytes) {
            peakAfterGcBytes = usedBytes;
        }
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    /** The most heap left after a collection since {@link #start()}, or 0 before the first collection. */
    long peakAfterGcBytes() {
        return peakAfterGcBytes;
    }

    /** The heap left after the latest collection, or -1 before the first one. */
    long lastAfterGcBytes() {
        return lastAfterGcBytes;
    }

    /**
     * Collects all garbage ({@link System#gc()}, a full collection with the default collector) and returns the
     * heap still in use: what the process retains. It counts as a collection of the window (a short window may
     * have had no other). Call it at the end of a measured window, not inside it.
     */
    long retainedHeapBytes() {
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        afterCollection(used);
        return used;
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
        for (NotificationEmitter emitter : collectors) {
            try {
                emitter.removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException e) {
                // never added to this collector; nothing to remove
            }
        }
    }
}
