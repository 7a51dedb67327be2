package io.aihub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the fenced code blocks of a page under docs/, so tests can run what the docs show. */
final class DocExamples {

    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    private DocExamples() {
    }

    /** Every block of the given language in {@code docs/<page>}, in order. */
    static List<String> blocks(String page, String language) {
        try {
            String text = Files.readString(DOCS.resolve(page), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(language)) {
                    out.add(m.group(2));
                }
            }
            if (out.isEmpty()) {
                throw new AssertionError("docs/" + page + " has no " + language + " example");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
