package io.aihub.routes.config;

import io.aihub.routes.broker.BrokerSecurity;
import io.aihub.routes.broker.BrokerTls;
import io.aihub.routes.broker.BrokerUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;

/**
 * Reads the broker's users and TLS settings:
 *
 * <pre>
 * aihub.broker.user      = aihub                                   # the hub's own user
 * aihub.broker.password  = {{env:AIHUB_BROKER_PASSWORD}}           # unset: generated, see StoredHubPassword
 * aihub.broker.users     = sales-ops,finance                       # business systems
 * aihub.broker.user.sales-ops.password = {{env:SALES_OPS_BROKER_PASSWORD}}
 * aihub.broker.user.sales-ops.queues   = crm-account-churn.sales-ops
 * aihub.broker.user.sales-ops.events   = drift                     # hub events it may subscribe to
 * aihub.broker.tls.enabled = true                                  # TLS acceptors only
 * aihub.broker.tls.keyStorePath = /etc/aihub/broker.p12
 * aihub.broker.tls.keyStorePassword = {{env:AIHUB_BROKER_KEYSTORE_PASSWORD}}
 * aihub.broker.tls.trustStorePath = /etc/aihub/broker-trust.p12    # the hub as a TLS client
 * aihub.broker.tls.trustStorePassword = {{env:AIHUB_BROKER_TRUSTSTORE_PASSWORD}}
 * </pre>
 *
 * Every password may also be masked with Artemis' {@code ENC(...)} (its {@code mask} command's default codec).
 */
public final class BrokerSecurityProperties {

    private BrokerSecurityProperties() {
    }

    public static BrokerSecurity read(PropertySource p) {
        List<BrokerUser> users = new ArrayList<>();
        for (String name : HubSettings.list(p.get("aihub.broker.users", ""))) {
            String prefix = "aihub.broker.user." + name + ".";
            users.add(new BrokerUser(name, unmask(p.get(prefix + "password").orElse(null)),
                    HubSettings.list(p.get(prefix + "queues", "")), HubSettings.list(p.get(prefix + "events", ""))));
        }
        BrokerTls keyStore = null;
        if (p.getBoolean("aihub.broker.tls.enabled", false)) {
            keyStore = store(p, "keyStore").orElseThrow(() -> new IllegalArgumentException(
                    "aihub.broker.tls.enabled is true but aihub.broker.tls.keyStorePath is not set"));
        }
        return new BrokerSecurity(p.get("aihub.broker.user", BrokerSecurity.DEFAULT_HUB_USER),
                unmask(p.get("aihub.broker.password").orElse(null)), users, keyStore,
                store(p, "trustStore").orElse(null));
    }

    private static java.util.Optional<BrokerTls> store(PropertySource p, String kind) {
        String prefix = "aihub.broker.tls." + kind;
        return p.get(prefix + "Path").map(path -> {
            String password = unmask(p.get(prefix + "Password").orElse(null));
            if (password == null) {
                throw new IllegalArgumentException(prefix + "Path is set but " + prefix + "Password is not");
            }
            return new BrokerTls(Path.of(path), password, p.get(prefix + "Type", "PKCS12"));
        });
    }

    /** A password as configured, or decoded when masked as {@code ENC(...)}; null stays null. */
    public static String unmask(String value) {
        if (value == null || !PasswordMaskingUtil.isEncMasked(value)) {
            return value;
        }
        try {
            return PasswordMaskingUtil.resolveMask(value, null);
        } catch (Exception e) {
            // never include the value
            throw new IllegalArgumentException("a masked broker password ENC(...) could not be decoded: "
                    + e.getClass().getSimpleName());
        }
    }
}
