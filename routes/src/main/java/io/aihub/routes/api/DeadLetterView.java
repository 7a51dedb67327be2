package io.aihub.routes.api;

import io.aihub.routes.flow.DeadLetterQueues;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/dlq} and {@code POST /api/dlq/<route>/replay}: the same browsing and replay as
 * {@code ./aihub dlq list|replay} ({@link DeadLetterQueues}), over the hub's own broker connection.
 */
final class DeadLetterView {

    /** Dead letters listed one by one per route (the groups count all of them). */
    static final int LETTERS_PER_ROUTE = 100;

    private final DeadLetterQueues queues;
    private final HubRoutes routes;

    DeadLetterView(DeadLetterQueues queues, HubRoutes routes) {
        this.queues = queues;
        this.routes = routes;
    }

    Map<String, Object> render() throws JMSException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HubRoutes.HubRoute route : routes.all()) {
            if (route.scoring() == null) {
                continue;
            }
            List<DeadLetterQueues.Group> groups = queues.list(route.id());
            List<Map<String, Object>> reasons = new ArrayList<>();
            int total = 0;
            for (DeadLetterQueues.Group g : groups) {
                reasons.add(RouteStatusView.ordered("step", g.step(), "code", g.code(), "count", g.count(),
                        "replayable", replayable(g.step()), "sampleRecordIds", g.sampleRecordIds()));
                total += g.count();
            }
            List<Map<String, Object>> letters = new ArrayList<>();
            if (total > 0) {
                for (DeadLetterQueues.Letter l : queues.letters(route.id(), LETTERS_PER_ROUTE)) {
                    letters.add(RouteStatusView.ordered("recordId", l.recordId(), "step", l.step(), "code",
                            l.code(), "errorClass", l.errorClass(), "message", l.message(), "enqueuedAt",
                            l.enqueuedAt() <= 0 ? null : java.time.Instant.ofEpochMilli(l.enqueuedAt()).toString()));
                }
            }
            out.add(RouteStatusView.ordered("route", route.id(), "total", total, "reasons", reasons, "letters",
                    letters));
        }
        return Map.of("routes", out, "lettersPerRoute", LETTERS_PER_ROUTE);
    }

    /** Replays a route's dead letters, optionally one reason code only. */
    DeadLetterQueues.Replayed replay(String route, Optional<String> reason) throws JMSException {
        return queues.replay(route, reason);
    }

    /** Whether {@code ./aihub dlq replay} moves dead letters of this step. */
    static boolean replayable(String step) {
        return step.equals("map") || step.equals("score") || step.startsWith("deliver:");
    }
}
