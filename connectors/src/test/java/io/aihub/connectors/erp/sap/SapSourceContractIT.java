package io.aihub.connectors.erp.sap;

import io.aihub.api.source.SourceConnector;
import io.aihub.connectors.contract.SourceConnectorContract;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The SAP source against its simulator, in both paging modes: client pages of 200 ({@code $top}, basic auth,
 * backlog from {@code __count}) and server pages of 150 ({@code __next}, bearer auth). Faults: 1,000 seeded
 * business partners share watermarks seven at a time and 450 more were mass-inserted with one shared
 * watermark, so page boundaries split equal timestamps, several pages long.
 */
class SapSourceContractIT {

    private static SapODataSimulator sim;

    @BeforeAll
    static void startSap() {
        sim = SapODataSimulator.builder().partners(1000).salesOrders(0).seed(3L).partnerServerPageSize(150).build();
        sim.start();
        sim.insertPartners(450, 9L);
    }

    @AfterAll
    static void stopSap() {
        sim.close();
    }

    abstract static class WithFaults extends SourceConnectorContract {

        @Override
        protected SourceConnector connector() {
            return new SapSourceConnector();
        }

        @Override
        protected Set<String> expectedIds() {
            return sim.partnerKeys();
        }

        @Override
        protected Map<String, String> invalidConfig() {
            return Map.of(SapConnectionSettings.BASE_URL, "ftp://nowhere", SapSourceConnector.BATCH_SIZE, "0",
                    SapSourceConnector.PAGING, "sometimes", SapSourceConnector.FIELDS, "Bad-Name");
        }

        @Override
        protected List<String> invalidKeys() {
            return List.of(SapConnectionSettings.BASE_URL, SapConnectionSettings.SERVICE,
                    SapConnectionSettings.ENTITY_SET, SapConnectionSettings.USERNAME, SapConnectionSettings.PASSWORD,
                    SapSourceConnector.BATCH_SIZE, SapSourceConnector.PAGING, SapSourceConnector.FIELDS,
                    SapSourceConnector.KEY_PROPERTY);
        }

        @Override
        protected void delayNextRequests(Duration delay) {
            sim.delayNextRequests(delay.isZero() ? 0 : 1, delay);
        }

        @Override
        protected long requestsReceived() {
            return sim.requestCount();
        }
    }

    @Nested
    class ClientPaging extends WithFaults {
        @Override
        protected Map<String, String> validConfig() {
            return SapTestConfigs.partnerSource(sim, SapSourceConnector.PAGING, "client",
                    SapSourceConnector.BACKLOG, "true");
        }
    }

    @Nested
    class ServerPaging extends WithFaults {
        @Override
        protected Map<String, String> validConfig() {
            return SapTestConfigs.partnerSource(sim, SapSourceConnector.PAGING, "server",
                    SapConnectionSettings.AUTH, "bearer", SapConnectionSettings.BEARER_TOKEN, "demo-bearer-token",
                    SapConnectionSettings.USERNAME, "", SapConnectionSettings.PASSWORD, "");
        }
    }
}
