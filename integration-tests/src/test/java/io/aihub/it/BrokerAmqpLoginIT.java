package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.BrokerSecurity;
import io.aihub.routes.broker.BrokerSettings;
import io.aihub.routes.broker.BrokerUser;
import io.aihub.routes.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Receiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AMQP 1.0, with a plain AMQP client: a client without user name gets no receiver or sender anywhere, a login
 * with a wrong password is refused, and a business system attaches to its own queue and to no other.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrokerAmqpLoginIT {

    private static final String ROUTE = "crm-account-churn";

    @TempDir
    Path dataDir;

    @Test
    void amqpLoginsNeedTheRightPasswordAndReachOnlyTheirOwnQueue() throws Exception {
        int amqpPort = HubHarness.freePort();
        BrokerSecurity security = new BrokerSecurity(TestBrokerUsers.HUB_USER, TestBrokerUsers.HUB_PASSWORD,
                List.of(new BrokerUser(TestBrokerUsers.SALES_OPS, TestBrokerUsers.SALES_OPS_PASSWORD,
                        List.of(TestBrokerUsers.SALES_OPS_QUEUE))), null, null);
        try (EmbeddedBroker broker = new EmbeddedBroker(new BrokerSettings(dataDir, "127.0.0.1", 0, amqpPort, 0, 0,
                3, 10_000, 99, security), 950)) {
            broker.start();
            broker.declareRoute(ROUTE, List.of("bi", "sales-ops", "finance"));
            try (Client client = Client.create()) {
                // Without user name the connection may open (the AMQP frame exchange), but no session or link:
                for (String address : List.of(Addresses.subscriberFqqn(ROUTE, "sales-ops"),
                        Addresses.subscriberFqqn(ROUTE, "bi"), Addresses.deadLetter(ROUTE))) {
                    assertThatThrownBy(() -> {
                        try (Connection anonymous = open(client, amqpPort, new ConnectionOptions())) {
                            anonymous.openReceiver(address).openFuture().get(30, TimeUnit.SECONDS);
                        }
                    }).as("anonymous AMQP receiver on " + address).isInstanceOf(Exception.class);
                    assertThatThrownBy(() -> {
                        try (Connection anonymous = open(client, amqpPort, new ConnectionOptions())) {
                            anonymous.openSender(address).openFuture().get(30, TimeUnit.SECONDS);
                        }
                    }).as("anonymous AMQP sender on " + address).isInstanceOf(Exception.class);
                }
                assertThatThrownBy(() -> open(client, amqpPort, new ConnectionOptions()
                        .user(TestBrokerUsers.SALES_OPS).password(TestBrokerUsers.HUB_PASSWORD)))
                        .as("AMQP login with a wrong password").isInstanceOf(Exception.class);
                ConnectionOptions salesOps = new ConnectionOptions().user(TestBrokerUsers.SALES_OPS)
                        .password(TestBrokerUsers.SALES_OPS_PASSWORD);
                try (Connection connection = open(client, amqpPort, salesOps)) {
                    Receiver own = connection.openReceiver(Addresses.subscriberFqqn(ROUTE, "sales-ops"));
                    assertThat(own.openFuture().get(30, TimeUnit.SECONDS)).isNotNull();
                    own.close();
                }
                for (String foreign : List.of(Addresses.subscriberFqqn(ROUTE, "finance"),
                        Addresses.subscriberFqqn(ROUTE, "bi"), Addresses.deadLetter(ROUTE))) {
                    try (Connection connection = open(client, amqpPort, salesOps)) {
                        Receiver receiver = connection.openReceiver(foreign);
                        assertThatThrownBy(() -> receiver.openFuture().get(30, TimeUnit.SECONDS))
                                .as("sales-ops attaching to " + foreign).isInstanceOf(Exception.class);
                    }
                }
            }
        }
    }

    private static Connection open(Client client, int port, ConnectionOptions options) throws Exception {
        Connection connection = client.connect("127.0.0.1", port, options);
        try {
            connection.openFuture().get(30, TimeUnit.SECONDS);
            return connection;
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }
}
