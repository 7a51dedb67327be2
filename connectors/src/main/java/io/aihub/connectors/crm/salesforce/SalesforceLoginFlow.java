package io.aihub.connectors.crm.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * The body of an OAuth 2.0 token request ({@code POST <loginUrl>/services/oauth2/token}) for one login flow.
 * The form holds credentials: it is sent, never logged or put in a message.
 */
sealed interface SalesforceLoginFlow {

    /** The {@code application/x-www-form-urlencoded} body of a new token request. */
    String tokenRequestForm();

    /** What is presented, for messages, e.g. {@code client credentials}; never a credential. */
    String description();

    /** The flow the settings configure. */
    static SalesforceLoginFlow of(SalesforceConnectionSettings settings) {
        return switch (settings.authFlow()) {
            case CLIENT_CREDENTIALS -> new ClientCredentials(settings.clientId(), settings.clientSecret());
            case JWT_BEARER -> new JwtBearer(settings.instanceName(), settings.clientId(), settings.jwt(),
                    Clock.systemUTC());
        };
    }

    /** {@code grant_type=client_credentials} with the consumer key and secret. */
    record ClientCredentials(String clientId, String clientSecret) implements SalesforceLoginFlow {

        public ClientCredentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String tokenRequestForm() {
            return "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                    + encode(clientSecret);
        }

        @Override
        public String description() {
            return "client credentials";
        }

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=****]";
        }
    }

    /**
     * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer} with a fresh signed assertion per request.
     * The private key is read from the keystore on the first request, so a bad keystore fails the first login
     * with {@link SalesforceKeystore#CODE}.
     */
    final class JwtBearer implements SalesforceLoginFlow {

        static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

        private final String instanceName;
        private final String clientId;
        private final SalesforceJwtSettings jwt;
        private final Clock clock;
        private SalesforceJwtAssertion assertion;

        JwtBearer(String instanceName, String clientId, SalesforceJwtSettings jwt, Clock clock) {
            this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.jwt = Objects.requireNonNull(jwt, "jwt");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public synchronized String tokenRequestForm() {
            if (assertion == null) {
                assertion = new SalesforceJwtAssertion(clientId, jwt.username(), jwt.audience().toString(),
                        jwt.lifetime(), SalesforceKeystore.privateKey(instanceName, jwt), clock);
            }
            return "grant_type=" + encode(GRANT_TYPE) + "&assertion=" + encode(assertion.create());
        }

        @Override
        public String description() {
            return "JWT bearer assertion";
        }

        @Override
        public String toString() {
            return "JwtBearer[clientId=" + clientId + ", " + jwt + "]";
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
