package io.aihub.routes.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;

/**
 * The one thread a polling consumer runs its loop on, taken from Camel's thread pool manager so it is named
 * and tracked like Camel's own. The loop must end by itself once the consumer clears its running flag.
 */
public final class WorkerThread {

    private static final long STOP_WAIT_SECONDS = 30;

    private final CamelContext context;
    private final Object owner;
    private final String name;
    private ExecutorService executor;

    public WorkerThread(CamelContext context, Object owner, String name) {
        this.context = context;
        this.owner = owner;
        this.name = name;
    }

    public synchronized void start(Runnable loop) {
        if (executor != null) {
            throw new IllegalStateException(name + " is already running");
        }
        executor = context.getExecutorServiceManager().newSingleThreadExecutor(owner, name);
        executor.submit(loop);
    }

    /**
     * Waits up to 30 s for the loop to end, then interrupts it.
     *
     * @return false when the loop had to be interrupted
     */
    public synchronized boolean stop() throws InterruptedException {
        if (executor == null) {
            return true;
        }
        try {
            executor.shutdown();
            return executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }
}
