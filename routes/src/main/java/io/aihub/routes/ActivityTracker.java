package io.aihub.routes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows whether every source has read all it holds and every hub-internal subscriber has nothing in hand,
 * which is when {@code ./aihub run --once} may stop.
 */
public final class ActivityTracker {

    private final Map<String, Boolean> idle = new ConcurrentHashMap<>();
    private final Set<String> queues = ConcurrentHashMap.newKeySet();

    /** Registers a worker as busy until it reports otherwise. */
    public void register(String worker) {
        idle.put(worker, false);
    }

    /** Registers a queue a hub-internal subscriber consumes; {@code --once} waits until it is empty. */
    public void registerQueue(String queue) {
        queues.add(queue);
    }

    public List<String> drainedQueues() {
        return queues.stream().sorted().toList();
    }

    public void unregister(String worker) {
        idle.remove(worker);
    }

    public void idle(String worker, boolean isIdle) {
        idle.put(worker, isIdle);
    }

    /** True when at least one worker is registered and all are idle. */
    public boolean allIdle() {
        return !idle.isEmpty() && idle.values().stream().allMatch(Boolean::booleanValue);
    }

    /** Workers not idle now, for progress messages. */
    public List<String> busy() {
        return idle.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList();
    }
}
