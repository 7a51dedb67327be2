package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hub parses no XML: every system it talks to is read as JSON (SAP OData v2 with {@code $format=json}, Dataverse
 * OData v4, Salesforce REST), so there is no XML parser to harden against DOCTYPE, external entities or entity
 * expansion. This scan fails when production code starts to use one; whoever adds XML must then disallow DOCTYPE
 * ({@code http://apache.org/xml/features/disallow-doctype-decl}) and add its test (docs/security.md).
 */
class XmlParsingScanTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("hub-api", "connectors", "model-adapter", "routes",
            "simulators", "benchmarks");
    private static final Pattern XML = Pattern.compile("^import\\s+(javax\\.xml\\.(parsers|stream|transform)"
            + "|org\\.xml\\.sax|org\\.w3c\\.dom|com\\.fasterxml\\.jackson\\.dataformat\\.xml)[\\w.]*",
            Pattern.MULTILINE);

    @Test
    void noProductionCodeShouldParseXml() {
        List<String> found = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = XML.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        found.add(ROOT.relativize(file) + ": " + m.group());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(found).as("XML parsing in production code: disallow DOCTYPE and test it first").isEmpty();
    }

    @Test
    void theScanShouldSeeAnXmlParser() {
        assertThat(XML.matcher("import javax.xml.parsers.DocumentBuilderFactory;").find()).isTrue();
        assertThat(XML.matcher("import org.xml.sax.InputSource;").find()).isTrue();
        assertThat(XML.matcher("import java.util.List;").find()).isFalse();
    }
}
