package io.aihub.routes.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubCountersTest {

    @Test
    void summaryLineShouldAddUpEveryRouteInTheDocumentedFormat() {
        HubCounters counters = new HubCounters();
        counters.route("a").pulled.add(10);
        counters.route("a").scored.add(9);
        counters.route("a").published.add(9);
        counters.route("a").deadLettered.add(1);
        counters.route("b").pulled.add(5);
        counters.route("b").biRows.add(5);
        counters.route("b").writtenBack.add(4);

        assertThat(counters.totals().summaryLine())
                .isEqualTo("summary: pulled=15 scored=9 published=9 written_back=4 bi_rows=5 dead_lettered=1");
    }

    @Test
    void summaryLinesShouldGiveOneLinePerRouteByIdThenTheTotalLast() {
        HubCounters counters = new HubCounters();
        counters.route("portal-ticket-triage").pulled.add(3);
        counters.route("crm-account-churn").pulled.add(5);
        counters.route("crm-account-churn").writtenBack.add(5);

        assertThat(counters.summaryLines()).containsExactly(
                "summary: route=crm-account-churn pulled=5 scored=0 published=0 written_back=5 bi_rows=0"
                        + " dead_lettered=0",
                "summary: route=portal-ticket-triage pulled=3 scored=0 published=0 written_back=0 bi_rows=0"
                        + " dead_lettered=0",
                "summary: pulled=8 scored=0 published=0 written_back=5 bi_rows=0 dead_lettered=0");
    }

    @Test
    void backlogShouldSumRoutesThatKnowItAndProgressShouldShowAnEta() {
        HubCounters counters = new HubCounters();
        assertThat(counters.backlog()).isEqualTo(-1);
        counters.route("a").backlog = 3000;
        counters.route("b").backlog = -1;
        counters.route("c").backlog = 1000;

        assertThat(counters.backlog()).isEqualTo(4000);
        assertThat(ProgressReporter.eta(4000, 500)).isEqualTo(", backlog 4000, ETA 8 s");
        assertThat(ProgressReporter.eta(4000, 0)).isEqualTo(", backlog 4000");
        assertThat(ProgressReporter.eta(0, 500)).isEmpty();
    }
}
