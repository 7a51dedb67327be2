package io.aihub.simulators.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.simulators.model.TicketTriage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketGeneratorTest {

    @Test
    void theSameSeedAndIndexGiveTheSameTicketAndTheEventCarriesIt() {
        TicketGenerator a = new TicketGenerator(42);
        TicketGenerator b = new TicketGenerator(42);
        assertThat(a.fields(17)).isEqualTo(b.fields(17)).containsOnlyKeys(TicketGenerator.FIELDS);
        PortalEvent event = a.event(17);
        assertThat(event.recordId()).isEqualTo("TCK-42-17");
        assertThat(event.type()).isEqualTo("ticket.created");
        assertThat(event.fields()).isEqualTo(a.fields(17));
        assertThat(new TicketGenerator(43).fields(17)).isNotEqualTo(a.fields(17));
    }

    @Test
    void theDemoTicketsHoldEveryPriorityAndCategoryCombination() {
        TicketGenerator generator = new TicketGenerator(42);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            var fields = generator.fields(i);
            seen.add(TicketGenerator.priority(fields) + "|" + TicketGenerator.category(fields));
        }
        assertThat(seen).hasSize(TicketTriage.PRIORITIES.size() * TicketTriage.CATEGORIES.size());
    }

    @Test
    void triageFollowsTheDocumentedRules() {
        assertThat(TicketTriage.category("My invoice is wrong and the app crashes")).isEqualTo("billing");
        assertThat(TicketTriage.category("The export failed")).isEqualTo("technical");
        assertThat(TicketTriage.category("Reset my password")).isEqualTo("account");
        assertThat(TicketTriage.category("Where is the guide?")).isEqualTo("general");
        assertThat(TicketTriage.priority("Production is down")).isEqualTo("high");
        assertThat(TicketTriage.priority("The export failed\nCustomer tier: Enterprise")).isEqualTo("high");
        assertThat(TicketTriage.priority("The export failed\nCustomer tier: Pro")).isEqualTo("normal");
        assertThat(TicketTriage.priority("No rush, just wondering")).isEqualTo("low");
    }
}
