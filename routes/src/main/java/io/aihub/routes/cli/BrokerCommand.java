package io.aihub.routes.cli;

import io.aihub.routes.broker.BrokerUser;
import io.aihub.routes.broker.EmbeddedBroker;
import io.aihub.routes.broker.StoredHubPassword;
import io.aihub.routes.config.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aihub broker}: the hub's Artemis broker as its own process, with exactly the configuration the
 * embedded one has (acceptors, persistence, duplicate detection, dead-letter and expiry addresses, paging
 * limits). A hub uses it with {@code aihub.broker.url=tcp://127.0.0.1:61616}.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs the Artemis broker as its own process, configured like the embedded one, until "
                + "Ctrl-C or SIGTERM.",
            "Point hubs at it with -D aihub.broker.url=tcp://127.0.0.1:61616 (or in a --config file)."})
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file read after the built-in defaults (aihub.broker.* keys).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Sets a configuration property.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--check", paramLabel = "URL", arity = "0..1", fallbackValue = "",
            description = {"Instead of running a broker: read the effective configuration of the running broker at URL "
                    + "(default: the one the hub uses) and list every address that could drop a message or fill the "
                    + "disk. Exit code 1 when there is any."})
    String check;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isRegularFile(config)) {
            System.err.println("error: configuration file not found: " + config);
            return 1;
        }
        HubSettings settings = CliSettings.load(config, properties);
        if (check != null) {
            String url = check.isBlank() ? CliSettings.brokerUrl(settings)
                    : settings.broker().security().clientUrl(check);
            java.util.List<String> problems = io.aihub.routes.broker.BrokerConfigCheck.check(url,
                    settings.brokerUser(), settings.brokerClientPassword());
            problems.forEach(p -> System.out.println("problem: " + p));
            System.out.println("broker " + io.aihub.routes.broker.BrokerLink.describe(url) + ": "
                    + (problems.isEmpty() ? "keeps every message"
                    : problems.size() + " problem(s)"));
            return problems.isEmpty() ? 0 : 1;
        }
        if (settings.brokerUrl().isPresent()) {
            System.err.println("error: aihub.broker.url is set; ./aihub broker runs the broker itself");
            return 1;
        }
        EmbeddedBroker broker = new EmbeddedBroker(settings.broker(), 0);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "aihub-broker-stop"));
        broker.start();
        System.out.println("aihub broker ready: " + String.join(" ", broker.acceptors().values())
                + " (data " + settings.broker().dataDir().toAbsolutePath() + ")");
        System.out.println("hub user " + broker.hubUser() + ": password "
                + (settings.broker().security().hubPassword() != null ? "from aihub.broker.password"
                : "generated in " + settings.broker().dataDir().resolve(StoredHubPassword.FILE).toAbsolutePath())
                + "; business users " + settings.broker().security().users().stream().map(BrokerUser::name).toList());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
