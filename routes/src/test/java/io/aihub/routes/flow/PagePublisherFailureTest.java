package io.aihub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQTransactionOutcomeUnknownException;
import org.junit.jupiter.api.Test;

class PagePublisherFailureTest {

    @Test
    void shouldTellARolledBackCommitFromAnUnknownOutcomeAndFromAnUnreachableBroker() {
        assertThat(PagePublisher.failureCode(new TransactionRolledBackException("failover"), true))
                .isEqualTo(PagePublisher.TX_ROLLED_BACK);

        JMSException unknown = new JMSException("commit failed");
        unknown.setLinkedException(new ActiveMQTransactionOutcomeUnknownException("outcome unknown"));
        assertThat(PagePublisher.failureCode(unknown, true)).isEqualTo(PagePublisher.COMMIT_OUTCOME_UNKNOWN);

        JMSException lost = new JMSException("lost");
        lost.initCause(new ActiveMQNotConnectedException("channel disconnected"));
        assertThat(PagePublisher.failureCode(lost, true)).as("connection died in commit")
                .isEqualTo(PagePublisher.COMMIT_OUTCOME_UNKNOWN);
        assertThat(PagePublisher.failureCode(lost, false)).as("connection died before commit")
                .isEqualTo(PagePublisher.UNAVAILABLE);
    }
}
