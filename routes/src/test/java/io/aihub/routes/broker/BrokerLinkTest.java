package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BrokerLinkTest {

    /** A factory whose connections succeed only while {@code reachable} is true. */
    private static ConnectionFactory factory(AtomicBoolean reachable, AtomicInteger attempts) {
        Connection connection = (Connection) Proxy.newProxyInstance(BrokerLinkTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
        return (ConnectionFactory) Proxy.newProxyInstance(BrokerLinkTest.class.getClassLoader(),
                new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) -> {
                    attempts.incrementAndGet();
                    if (!reachable.get()) {
                        throw new JMSException("connection refused");
                    }
                    return connection;
                });
    }

    @Test
    void shouldGoDownOnceAndComeBackWhenTheBrokerAnswersAndTheHookSucceeds() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger hookRuns = new AtomicInteger();
        AtomicBoolean hookFails = new AtomicBoolean(true);
        try (BrokerLink link = new BrokerLink(factory(reachable, attempts), "tcp://127.0.0.1:1", () -> {
            hookRuns.incrementAndGet();
            if (hookFails.get()) {
                throw new IllegalStateException("declare failed");
            }
        }, 10, 40)) {
            assertThat(link.check("test", new JMSException("send refused"))).as("broker answers").isTrue();
            assertThat(link.isUp()).isTrue();

            reachable.set(false);
            assertThat(link.check("test", new JMSException("lost"))).isFalse();
            link.connectionLost("other", new JMSException("lost too"));
            assertThat(link.isUp()).isFalse();
            assertThat(link.downSince()).isPresent();
            assertThat(link.outages()).isEqualTo(1);
            assertThat(link.awaitUp(100)).isFalse();
            assertThat(link.awaitUpWhile(() -> false)).as("a stopped worker stops waiting").isFalse();

            reachable.set(true);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> hookRuns.get() >= 2);
            assertThat(link.isUp()).as("still down while the hook fails").isFalse();
            hookFails.set(false);
            assertThat(link.awaitUp(5_000)).isTrue();
            assertThat(link.awaitUpWhile(() -> true)).isTrue();
            assertThat(link.downSince()).isEmpty();
            assertThat(link.outages()).isEqualTo(1);
        }
    }

    @Test
    void shouldDescribeUrlsWithoutCredentialsOrParameters() {
        assertThat(BrokerLink.describe("tcp://user:secret@broker:61616?reconnectAttempts=3"))
                .isEqualTo("tcp://broker:61616");
        assertThat(BrokerLink.describe("vm://1")).isEqualTo("vm://1");
    }
}
