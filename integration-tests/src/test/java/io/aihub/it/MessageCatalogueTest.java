package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.observe.MessageCatalogue;
import io.aihub.routes.observe.MessageCatalogue.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stable log message ids ({@code AIHUB-<AREA>-<NNNN>}) against {@link MessageCatalogue}: every id the
 * production sources log is catalogued with the same template, every catalogued id is logged, no id stands for
 * two messages, and docs/observability.md lists the catalogue.
 */
class MessageCatalogueTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("hub-api", "connectors", "model-adapter", "routes",
            "simulators", "benchmarks");
    /** A string literal starting with an id, and the literals concatenated to it with {@code +}. */
    private static final Pattern USE = Pattern.compile(
            "\"(AIHUB-[A-Z]+-\\d{4})((?:[^\"\\\\]|\\\\.)*)\"((?:\\s*\\+\\s*\"(?:[^\"\\\\]|\\\\.)*\")*)");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One place a source logs an id. */
    private record Use(String id, String template, String where) {
    }

    private static List<Use> uses;

    @BeforeAll
    static void scanSources() throws IOException {
        uses = new ArrayList<>();
        for (String module : MODULES) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (file.endsWith("MessageCatalogue.java")) {
                        continue;
                    }
                    Matcher m = USE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        StringBuilder template = new StringBuilder(m.group(2));
                        Matcher more = LITERAL.matcher(m.group(3));
                        while (more.find()) {
                            template.append(more.group(1));
                        }
                        uses.add(new Use(m.group(1), unescape(template.toString().strip()),
                                ROOT.relativize(file).toString()));
                    }
                }
            }
        }
        assertThat(uses).as("log messages with ids in the sources").hasSizeGreaterThan(50);
    }

    @Test
    void everyCatalogueIdIsUniqueAndWellFormed() {
        List<String> ids = MessageCatalogue.entries().stream().map(Entry::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> MessageCatalogue.ID.matcher(id).matches());
        assertThat(ids).as("ordered by id").isSorted();
    }

    @Test
    void everyIdLoggedInTheSourcesIsCataloguedWithItsTemplate() {
        Map<String, Entry> catalogue = byId();
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (Use use : uses) {
            Entry entry = catalogue.get(use.id());
            if (entry == null) {
                missing.add(use.id() + " (" + use.where() + "): " + use.template());
            } else if (!entry.template().equals(use.template())) {
                differing.add(use.id() + " (" + use.where() + ") logs \"" + use.template() + "\" but the catalogue "
                        + "says \"" + entry.template() + "\"");
            }
        }
        assertThat(missing).as("ids logged but not in MessageCatalogue").isEmpty();
        assertThat(differing).as("ids logged with another message than catalogued (a new message needs a new id)")
                .isEmpty();
    }

    @Test
    void everyCatalogueIdIsLoggedSomewhereAndNoIdStandsForTwoMessages() {
        Set<String> logged = uses.stream().map(Use::id).collect(Collectors.toSet());
        Set<String> unused = new HashSet<>(byId().keySet());
        unused.removeAll(logged);
        assertThat(unused).as("catalogued ids no source logs").isEmpty();
        Map<String, Set<String>> templates = new TreeMap<>();
        for (Use use : uses) {
            templates.computeIfAbsent(use.id(), k -> new HashSet<>()).add(use.template());
        }
        assertThat(templates).as("ids used for more than one message")
                .allSatisfy((id, texts) -> assertThat(texts).as(id).hasSize(1));
    }

    @Test
    void docsListTheWholeCatalogue() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/observability.md"), StandardCharsets.UTF_8);
        for (Entry entry : MessageCatalogue.entries()) {
            assertThat(page).as("docs/observability.md row of %s", entry.id()).contains("| `" + entry.id() + "` | "
                    + entry.level() + " | " + entry.module() + " | `" + entry.template() + "` |");
        }
        Matcher ids = MessageCatalogue.ID.matcher(page);
        Set<String> mentioned = new HashSet<>();
        while (ids.find()) {
            mentioned.add(ids.group());
        }
        assertThat(byId().keySet()).as("ids docs/observability.md mentions are catalogued").containsAll(mentioned);
    }

    private static Map<String, Entry> byId() {
        Map<String, Entry> out = new LinkedHashMap<>();
        MessageCatalogue.entries().forEach(e -> out.put(e.id(), e));
        return out;
    }

    private static String unescape(String literal) {
        return literal.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
