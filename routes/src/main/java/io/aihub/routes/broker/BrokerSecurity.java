package io.aihub.routes.broker;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use the broker and how they connect: the hub's own user, the business systems that consume their
 * subscriber queues, and TLS. The same for the embedded broker and {@code ./aihub broker}; the permissions are
 * built from it by {@link BrokerAuthorization}.
 *
 * @param hubUser     the hub's user name ({@code aihub.broker.user}, {@code aihub} by default)
 * @param hubPassword the hub's password ({@code aihub.broker.password}), or null: the broker then generates
 *                    one and keeps it in its data folder ({@link StoredHubPassword})
 * @param users       the business systems' users ({@code aihub.broker.users})
 * @param keyStore    the key store of the TLS acceptors, or null for plain-text acceptors
 * @param trustStore  the trust store a client (the hub, the CLI) checks the broker's certificate against, or
 *                    null
 */
public record BrokerSecurity(String hubUser, String hubPassword, List<BrokerUser> users, BrokerTls keyStore,
        BrokerTls trustStore) {

    /** The hub user's name when {@code aihub.broker.user} is not set. */
    public static final String DEFAULT_HUB_USER = "aihub";

    public BrokerSecurity {
        Addresses.checked("hub broker user", hubUser);
        if (hubPassword != null && hubPassword.isBlank()) {
            hubPassword = null;
        }
        users = List.copyOf(Objects.requireNonNull(users, "users"));
        Set<String> names = new HashSet<>();
        for (BrokerUser user : users) {
            if (user.name().equals(hubUser)) {
                throw new IllegalArgumentException("broker user '" + user.name() + "' is the hub's own user "
                        + "(aihub.broker.user); give the business system another name");
            }
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("broker user '" + user.name() + "' is listed twice");
            }
        }
    }

    /** The hub user {@code aihub} with a generated password, no business users, plain-text acceptors. */
    public static BrokerSecurity defaults() {
        return new BrokerSecurity(DEFAULT_HUB_USER, null, List.of(), null, null);
    }

    /** Whether the network acceptors use TLS (and no plain-text acceptor is open). */
    public boolean tls() {
        return keyStore != null;
    }

    /**
     * The hub's password as a client sees it: the configured one, else the one the broker generated in
     * {@code brokerDataDir} if there is one (a hub or CLI command on the same machine as {@code ./aihub broker}
     * or the demo hub), else null.
     */
    public String clientPassword(Path brokerDataDir) {
        return hubPassword != null ? hubPassword : StoredHubPassword.read(brokerDataDir).orElse(null);
    }

    /**
     * A CORE URL with this client's TLS settings: when a trust store is configured, {@code sslEnabled} and the
     * trust store are added (unless the URL sets them). Holds a password: log it only through
     * {@link BrokerLink#describe(String)}.
     */
    public String clientUrl(String url) {
        return trustStore == null ? url : withTrustStore(url, trustStore);
    }

    /** The URL of this machine's embedded or standalone broker's CORE acceptor, over TLS when it uses TLS. */
    public String localUrl(String host, int corePort) {
        String url = "tcp://" + host + ":" + corePort;
        if (!tls()) {
            return url;
        }
        // Our own broker: its key store holds the certificate a client must trust.
        return withTrustStore(url, trustStore != null ? trustStore : keyStore);
    }

    private static String withTrustStore(String url, BrokerTls trust) {
        StringBuilder out = new StringBuilder(url);
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        char separator = url.contains("?") ? '&' : '?';
        if (!lower.contains("sslenabled=")) {
            out.append(separator).append("sslEnabled=true");
            separator = '&';
        }
        if (!lower.contains("truststorepath=")) {
            out.append(separator).append("trustStorePath=").append(trust.path().toAbsolutePath())
                    .append("&trustStorePassword=").append(trust.password())
                    .append("&trustStoreType=").append(trust.type());
        }
        return out.toString();
    }

    /** Never shows a password. */
    @Override
    public String toString() {
        return "BrokerSecurity[hubUser=" + hubUser + ", hubPassword=" + (hubPassword == null ? "generated" : "****")
                + ", users=" + users + ", keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
