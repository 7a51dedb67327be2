package io.aihub.routes.cli;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.sink.SinkConnector;
import io.aihub.connectors.portal.webhook.WebhookConnector;
import io.aihub.api.source.SourceConnector;
import java.io.PrintStream;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./aihub connectors}: every installed connector with its configuration keys. */
@Command(name = "connectors", mixinStandardHelpOptions = true,
        description = "Lists every installed source and sink connector with its configuration keys, types, "
                + "defaults and documentation (set them as aihub.connector.<name>.<key>).")
public final class ConnectorsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        print(System.out);
        return 0;
    }

    static void print(PrintStream out) {
        for (SourceConnector c : ServiceLoader.load(SourceConnector.class)) {
            describe(out, "source", c.type(), c.config());
        }
        for (SinkConnector c : ServiceLoader.load(SinkConnector.class)) {
            describe(out, "sink", c.type(), c.config());
        }
        WebhookConnector webhooks = new WebhookConnector();
        describe(out, "events", webhooks.type(), webhooks.config());
    }

    private static void describe(PrintStream out, String side, String type, ConfigDef config) {
        out.println(type + " (" + side + ")");
        for (ConfigKey key : config.keys()) {
            String dflt = key.required() ? "required" : "default '" + key.defaultValue() + "'";
            out.printf("  %-20s %-9s %-22s %s%n", key.name(), key.type(), dflt, key.doc());
        }
        out.println();
    }
}
