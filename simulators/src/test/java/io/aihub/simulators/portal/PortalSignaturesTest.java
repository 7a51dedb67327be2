package io.aihub.simulators.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sender signs as the published examples say. */
class PortalSignaturesTest {

    @Test
    void shouldReproduceTheStandardWebhooksExample() {
        assertThat(PortalSignatures.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldReproduceGitHubsExample() {
        assertThat(PortalSignatures.github("It's a Secret to Everybody",
                "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void shouldGenerateTheSameEventsForTheSameSeedWithTheChurnFields() {
        PortalEvent first = new PortalEventGenerator(7).event(3);

        assertThat(new PortalEventGenerator(7).event(3)).isEqualTo(first);
        assertThat(first.type()).isEqualTo("ticket.created");
        assertThat(first.fields()).containsKeys("Days_Since_Last_Login__c", "Support_Cases_90d__c",
                "Tenure_Months__c", "NPS__c", "Plan__c", "Monthly_Spend__c");
        assertThat(new PortalEventGenerator(7).event(4).eventId()).isNotEqualTo(first.eventId());
    }
}
