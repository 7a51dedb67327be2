package io.aihub.routes.api;

import io.aihub.routes.progress.HubCounters;
import io.aihub.routes.progress.RouteCounters;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records per second of each route over the last {@value #WINDOW_SECONDS} seconds, from samples of the route
 * counters taken once a second ({@link #sample}, called by a timer). Thread-safe.
 */
final class ThroughputSampler {

    static final int WINDOW_SECONDS = 10;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    /** Records per second over the window; zero until two samples exist. */
    record Rates(double pulled, double scored, double published, double deadLettered) {
        static final Rates NONE = new Rates(0, 0, 0, 0);
    }

    private record Sample(long nanos, long pulled, long scored, long published, long deadLettered) {
    }

    private final HubCounters counters;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    ThroughputSampler(HubCounters counters) {
        this.counters = counters;
    }

    /** Takes one sample of every route, dropping samples older than the window. */
    void sample(long nanos) {
        for (RouteCounters r : counters.routes()) {
            Deque<Sample> deque = samples.computeIfAbsent(r.routeId(), id -> new ArrayDeque<>());
            synchronized (deque) {
                deque.addLast(new Sample(nanos, r.pulled.sum(), r.scored.sum(), r.published.sum(),
                        r.deadLettered.sum()));
                while (deque.size() > 2 && nanos - deque.peekFirst().nanos() > WINDOW_NANOS) {
                    deque.removeFirst();
                }
            }
        }
    }

    /** The rates of a route over the samples held. */
    Rates rates(String routeId) {
        Deque<Sample> deque = samples.get(routeId);
        if (deque == null) {
            return Rates.NONE;
        }
        Sample first;
        Sample last;
        synchronized (deque) {
            if (deque.size() < 2) {
                return Rates.NONE;
            }
            first = deque.peekFirst();
            last = deque.peekLast();
        }
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        if (seconds <= 0) {
            return Rates.NONE;
        }
        return new Rates((last.pulled() - first.pulled()) / seconds, (last.scored() - first.scored()) / seconds,
                (last.published() - first.published()) / seconds,
                (last.deadLettered() - first.deadLettered()) / seconds);
    }
}
