package io.aihub.routes.cli;

import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.BrokerManagement;
import io.aihub.routes.config.HubSettings;
import io.aihub.routes.flow.DeadLetterQueues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./aihub dlq list|replay}: inspects routes' dead-letter queues and sends fixed records back. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspects the routes' dead-letter queues (aihub.dlq.<route>) and replays them. Needs the "
                + "broker running: a hub (embedded broker) or ./aihub broker.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ReplayCommand.class})
public final class DlqCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: ./aihub dlq list [--route <id>] | ./aihub dlq replay --route <id> [--reason <code>]");
    }

    /** Where the broker is. */
    static final class BrokerOptions {
        @Option(names = "--url", paramLabel = "URL",
                description = "Broker CORE URL. Default: aihub.broker.url, else the embedded broker's acceptor.")
        String url;

        @Option(names = "--config", paramLabel = "FILE", description = "The hub's properties file.")
        Path config;

        @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Sets a configuration property.")
        Map<String, String> properties = new LinkedHashMap<>();

        private HubSettings settings;

        private HubSettings settings() throws Exception {
            if (settings == null) {
                settings = CliSettings.load(config, properties);
            }
            return settings;
        }

        String url() throws Exception {
            return url != null ? settings().broker().security().clientUrl(url) : CliSettings.brokerUrl(settings());
        }

        ActiveMQConnectionFactory connectionFactory() throws Exception {
            return new ActiveMQConnectionFactory(url(), settings().brokerUser(), settings().brokerClientPassword());
        }

        BrokerManagement management() throws Exception {
            return BrokerManagement.connect(url(), settings().brokerUser(), settings().brokerClientPassword());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Counts each route's dead letters by failed step and reason code, with sample record ids.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        BrokerOptions broker = new BrokerOptions();

        @Option(names = "--route", paramLabel = "ID", description = "Only this route.")
        String route;

        @Override
        public Integer call() throws Exception {
            List<String> routes = new ArrayList<>();
            if (route != null) {
                routes.add(Addresses.checked("route id", route));
            } else {
                try (BrokerManagement management = broker.management()) {
                    for (String address : management.addressNames()) {
                        if (address.startsWith(Addresses.DLQ_PREFIX)) {
                            Addresses.routeOf(address).ifPresent(routes::add);
                        }
                    }
                }
            }
            int total = 0;
            System.out.printf("%-28s %-22s %-32s %8s  %s%n", "route", "step", "reason", "count", "sample record ids");
            try (ActiveMQConnectionFactory factory = broker.connectionFactory()) {
                DeadLetterQueues queues = new DeadLetterQueues(factory);
                for (String r : routes.stream().sorted().toList()) {
                    for (DeadLetterQueues.Group g : queues.list(r)) {
                        System.out.printf("%-28s %-22s %-32s %8d  %s%n", g.route(), g.step(), g.code(), g.count(),
                                String.join(",", g.sampleRecordIds()));
                        total += g.count();
                    }
                }
            }
            System.out.println("dead letters: " + total);
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Sends a route's replayable dead letters back: records that failed mapping or scoring "
                    + "go through the route again (as configured now, e.g. after a mapping fix); prediction events "
                    + "a subscriber failed too often go back to that subscriber's queue.",
                "Records whose fix belongs in the source system need no replay: the fixed record is read again."})
    static final class ReplayCommand implements Callable<Integer> {
        @Mixin
        BrokerOptions broker = new BrokerOptions();

        @Option(names = "--route", required = true, paramLabel = "ID", description = "The route.")
        String route;

        @Option(names = "--reason", paramLabel = "CODE",
                description = "Only dead letters with this reason code (e.g. MAPPING_MISSING_FIELD, "
                        + DeadLetterQueues.MAX_DELIVERIES + ").")
        String reason;

        @Override
        public Integer call() throws Exception {
            try (ActiveMQConnectionFactory factory = broker.connectionFactory()) {
                DeadLetterQueues.Replayed replayed = new DeadLetterQueues(factory)
                        .replay(Addresses.checked("route id", route), Optional.ofNullable(reason));
                System.out.println("replayed: records=" + replayed.records() + " events=" + replayed.events()
                        + " (route " + route + (reason == null ? "" : ", reason " + reason) + ")");
            }
            return 0;
        }
    }
}
