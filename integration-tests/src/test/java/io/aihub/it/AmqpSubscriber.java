package io.aihub.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.ReceiverOptions;

/** A business system reading its subscriber queue over AMQP 1.0 with a plain AMQP client (no JMS). */
final class AmqpSubscriber {

    /**
     * One received message.
     *
     * @param body       the message body (the CloudEvent JSON)
     * @param properties the AMQP application properties
     */
    record Received(String body, Map<String, Object> properties) {
    }

    private AmqpSubscriber() {
    }

    /** Receives and accepts messages, logged in as the business system sales-ops, until none arrives for a while. */
    static List<Received> drain(int port, String address, int quietSeconds) throws Exception {
        return drain(port, address, quietSeconds, TestBrokerUsers.SALES_OPS, TestBrokerUsers.SALES_OPS_PASSWORD);
    }

    /** Receives and accepts messages, logged in as the given business system, until none arrives for a while. */
    static List<Received> drain(int port, String address, int quietSeconds, TestBrokerUsers.Business as)
            throws Exception {
        return drain(port, address, quietSeconds, as.name(), as.password());
    }

    private static List<Received> drain(int port, String address, int quietSeconds, String user, String password)
            throws Exception {
        List<Received> out = new ArrayList<>();
        ConnectionOptions login = new ConnectionOptions().user(user).password(password);
        try (Client client = Client.create();
                Connection connection = client.connect("127.0.0.1", port, login);
                Receiver receiver = connection.openReceiver(address, new ReceiverOptions().creditWindow(200))) {
            for (Delivery d = receiver.receive(quietSeconds * 3L, TimeUnit.SECONDS); d != null;
                    d = receiver.receive(quietSeconds, TimeUnit.SECONDS)) {
                Message<Object> message = d.message();
                Map<String, Object> props = new java.util.LinkedHashMap<>();
                message.forEachProperty(props::put);
                out.add(new Received(String.valueOf(message.body()), props));
                d.accept();
            }
        }
        return out;
    }
}
