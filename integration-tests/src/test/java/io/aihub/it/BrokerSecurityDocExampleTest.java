package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.broker.BrokerSecurity;
import io.aihub.routes.broker.BrokerUser;
import io.aihub.routes.config.BrokerSecurityProperties;
import io.aihub.routes.config.PropertySource;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The broker security example in docs/security.md is a valid configuration and means what the page says. */
class BrokerSecurityDocExampleTest {

    @Test
    void securityPageExampleConfiguresUsersQueuesAndTls() throws Exception {
        String example = DocExamples.blocks("security.md", "properties").stream()
                .filter(b -> b.contains("aihub.broker.users")).findFirst().orElseThrow();
        Properties props = new Properties();
        props.load(new StringReader(example));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            values.put(name, props.getProperty(name).replaceAll("\\{\\{env:([^}]*)}}", "secret-of-$1"));
        }
        BrokerSecurity security = BrokerSecurityProperties.read(new PropertySource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Map<String, String> withPrefix(String prefix) {
                throw new UnsupportedOperationException();
            }
        });
        assertThat(security.hubUser()).isEqualTo("aihub");
        assertThat(security.hubPassword()).isEqualTo("secret-of-AIHUB_BROKER_PASSWORD");
        assertThat(security.users()).extracting(BrokerUser::name).containsExactly("sales-ops", "finance",
                "data-science");
        assertThat(security.users().get(1).queues())
                .containsExactly("crm-account-churn.finance", "erp-order-payment-risk.finance");
        assertThat(security.users().get(2).queues()).isEmpty();
        assertThat(security.users().get(2).events()).containsExactly("drift");
        assertThat(security.tls()).isTrue();
        assertThat(security.keyStore().path()).isEqualTo(Path.of("/etc/aihub/broker.p12"));
        assertThat(security.keyStore().type()).isEqualTo("PKCS12");
        assertThat(security.clientUrl("tcp://broker:61617")).startsWith("tcp://broker:61617?sslEnabled=true&")
                .contains("trustStorePath=/etc/aihub/broker-trust.p12");
        assertThat(security.toString()).doesNotContain("secret-of");
        assertThat(List.of(security.users().get(0).toString(), security.keyStore().toString()))
                .noneMatch(s -> s.contains("secret-of"));
    }
}
