package io.aihub.routes.api;

import io.aihub.routes.broker.BrokerManagement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Message and consumer counts of queues, read over the broker's management address with the hub's broker
 * credentials (the embedded broker in-VM, or an external one by URL). One management session, opened on first
 * use and again after a failure; calls are serialised.
 */
final class QueueDepths implements AutoCloseable {

    /** One queue's depth; {@code messages} is -1 when the queue does not exist. */
    record Depth(String queue, long messages, int consumers) {
    }

    private final String url;
    private final String user;
    private final String password;
    private BrokerManagement management;

    QueueDepths(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The depth of each queue, in order.
     *
     * @throws Exception when the broker cannot be asked (the session is dropped and opened again next time)
     */
    synchronized Map<String, Depth> depths(List<String> queues) throws Exception {
        Map<String, Depth> out = new LinkedHashMap<>();
        try {
            if (management == null) {
                management = BrokerManagement.connect(url, user, password);
            }
            for (String queue : queues) {
                out.put(queue, depth(queue));
            }
            return out;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private Depth depth(String queue) throws Exception {
        try {
            long messages = ((Number) management.queueAttribute(queue, "messageCount")).longValue();
            int consumers = ((Number) management.queueAttribute(queue, "consumerCount")).intValue();
            return new Depth(queue, messages, consumers);
        } catch (IllegalStateException e) {
            // the broker refused the request: no such queue (not declared yet, or removed)
            return new Depth(queue, -1, 0);
        }
    }

    @Override
    public synchronized void close() {
        if (management != null) {
            management.close();
            management = null;
        }
    }
}
