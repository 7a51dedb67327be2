package io.aihub.routes.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/routes-reference.md} documents every parameter of every shipped route template with its default,
 * and every aihub component like Camel documents its own: URI syntax, path parameters, query options with type
 * and default, headers in and out. Fails when the code has something the page lacks.
 */
class RoutesReferenceDocTest {

    private static final Path DOC = Path.of("..", "docs", "routes-reference.md");

    @Test
    void shouldDocumentEveryTemplateParameterWithItsDefault() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        TemplateCatalog catalog = TemplateCatalog.shipped();
        assertThat(catalog.ids()).containsExactlyElementsOf(TemplateCatalog.SHIPPED);
        for (String id : catalog.ids()) {
            String section = section(doc, id);
            for (TemplateCatalog.Parameter p : catalog.find(id).orElseThrow().parameters()) {
                assertThat(section).as("template %s parameter %s", id, p.name())
                        .contains("| `" + p.name() + "` | " + cell(p.defaultValue()) + " |");
            }
        }
    }

    @Test
    void shouldDocumentEveryComponentOptionAndHeader() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (ComponentCatalog.Component c : ComponentCatalog.components()) {
            String section = section(doc, c.scheme());
            assertThat(section).contains("URI syntax: `" + c.syntax() + "`");
            for (ComponentCatalog.Option o : c.pathOptions()) {
                assertThat(section).as("%s path parameter %s", c.scheme(), o.name())
                        .contains("| `" + o.name() + "` | " + o.type() + " |");
            }
            for (ComponentCatalog.Option o : c.queryOptions()) {
                assertThat(section).as("%s option %s", c.scheme(), o.name())
                        .contains("| `" + o.name() + "` | " + o.type() + " | " + cell(o.defaultValue()) + " |");
            }
            for (ComponentCatalog.Header h : c.headersIn()) {
                assertThat(section.substring(section.indexOf("Headers in"), section.indexOf("Headers out")))
                        .as("%s header in %s", c.scheme(), h.name()).contains("| `" + h.name() + "` | `" + h.type());
            }
            for (ComponentCatalog.Header h : c.headersOut()) {
                assertThat(section.substring(section.indexOf("Headers out")))
                        .as("%s header out %s", c.scheme(), h.name()).contains("| `" + h.name() + "` | `" + h.type());
            }
            if (c.headersIn().isEmpty()) {
                assertThat(section).contains("Headers in: none.");
            }
            if (c.headersOut().isEmpty()) {
                assertThat(section).contains("Headers out: none.");
            }
        }
    }

    /** The text from {@code ### <name>} to the next heading of level 2 or 3. */
    private static String section(String doc, String name) {
        int start = doc.indexOf("\n### " + name + "\n");
        assertThat(start).as("section ### " + name).isNotNegative();
        int next = doc.length();
        for (String heading : new String[] {"\n### ", "\n## "}) {
            int at = doc.indexOf(heading, start + 5);
            if (at > 0) {
                next = Math.min(next, at);
            }
        }
        return doc.substring(start, next);
    }

    private static String cell(String defaultValue) {
        if (defaultValue == null) {
            return "(required)";
        }
        return defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`";
    }
}
