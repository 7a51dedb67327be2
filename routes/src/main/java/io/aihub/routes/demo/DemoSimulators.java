package io.aihub.routes.demo;

import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the built-in simulators for the demo profile. The simulated CRM is seeded the same way at every
 * start; edits made with {@code ./aihub sim-edit} are kept in a journal under the data folder and replayed
 * in order at start, so a later run sees them as changed records, exactly as a real CRM would hold them.
 *
 * <p>Connector settings whose value is {@code simulator:salesforce} are pointed at the simulator.
 */
public final class DemoSimulators implements AutoCloseable {

    /** The connector setting value that stands for the running Salesforce simulator's URL. */
    public static final String SALESFORCE_URL_PLACEHOLDER = "simulator:salesforce";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSimulators.class);

    private final SalesforceSimulator salesforce;

    private DemoSimulators(SalesforceSimulator salesforce) {
        this.salesforce = salesforce;
    }

    /** Starts the simulators and replays the edit journal in {@code dataDir}. */
    public static DemoSimulators start(Map<String, String> settings, Path dataDir) throws IOException {
        SalesforceSimulator sim = SalesforceSimulator.builder()
                .accounts(Integer.parseInt(settings.getOrDefault("salesforce.accounts", "5000")))
                .seed(Long.parseLong(settings.getOrDefault("salesforce.seed", "42")))
                .port(Integer.parseInt(settings.getOrDefault("salesforce.port", "0")))
                .clientId(settings.getOrDefault("salesforce.clientId", "aihub-demo"))
                .clientSecret(settings.getOrDefault("salesforce.clientSecret", "demo-secret"))
                .build();
        sim.start();
        int edits = 0;
        for (EditEntry entry : readJournal(journal(dataDir))) {
            edits += sim.modifyAccounts(entry.accounts(), entry.seed()).size();
        }
        LOG.info("AIHUB-DEMO-0001 Salesforce simulator on {} with {} accounts ({} replayed edits)", sim.baseUrl(),
                sim.accountIds().size(), edits);
        return new DemoSimulators(sim);
    }

    /**
     * Records an edit of {@code accounts} accounts for the next start of the simulator.
     *
     * @return the journal file
     */
    public static Path recordEdit(Path dataDir, int accounts) throws IOException {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1");
        }
        Path journal = journal(dataDir);
        Files.createDirectories(journal.getParent());
        long seed = readJournal(journal).size() + 1L;
        Files.writeString(journal, accounts + " " + seed + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return journal;
    }

    private static Path journal(Path dataDir) {
        return dataDir.resolve("simulators").resolve("salesforce-edits.txt");
    }

    private record EditEntry(int accounts, long seed) {
    }

    private static List<EditEntry> readJournal(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        return Files.readAllLines(journal, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty()).map(l -> l.split("\\s+"))
                .map(p -> new EditEntry(Integer.parseInt(p[0]), Long.parseLong(p[1]))).toList();
    }

    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    /** Connector setting values to replace with the simulators' URLs. */
    public Map<String, String> urlOverrides() {
        return Map.of(SALESFORCE_URL_PLACEHOLDER, salesforce.baseUrl());
    }

    @Override
    public void close() {
        salesforce.close();
    }
}
