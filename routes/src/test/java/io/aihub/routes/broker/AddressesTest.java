package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void shouldNameAddressesAndQueuesOfARoute() {
        assertThat(Addresses.predictions("crm-account-churn")).isEqualTo("aihub.predictions.crm-account-churn");
        assertThat(Addresses.deadLetter("crm-account-churn")).isEqualTo("aihub.dlq.crm-account-churn");
        assertThat(Addresses.subscriberFqqn("crm-account-churn", "sales-ops"))
                .isEqualTo("aihub.predictions.crm-account-churn::crm-account-churn.sales-ops");
    }

    @Test
    void shouldRefuseNamesThatCouldEscapeTheirAddress() {
        assertThatThrownBy(() -> Addresses.predictions("a.#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addresses.subscriberQueue("r", "x::y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addresses.predictions("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindTheRouteOfItsAddressesOnly() {
        assertThat(Addresses.routeOf("aihub.predictions.crm-account-churn")).contains("crm-account-churn");
        assertThat(Addresses.routeOf("aihub.dlq.crm-account-churn")).contains("crm-account-churn");
        assertThat(Addresses.routeOf("aihub.replay.crm-account-churn")).contains("crm-account-churn");
        assertThat(Addresses.routeOf("aihub.dlq")).isEmpty();
        assertThat(Addresses.routeOf("aihub.expiry")).isEmpty();
        assertThat(Addresses.routeOf("aihub.predictions.a.b")).isEmpty();
        assertThat(Addresses.routeOf("activemq.notifications")).isEmpty();
    }
}
