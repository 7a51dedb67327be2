package io.aihub.routes.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.camel.spi.Resource;

/**
 * One file of a project, read into memory.
 *
 * @param name     how problems name it ({@code routes/my-route.camel.yaml})
 * @param location its Camel resource location ({@code file:/abs/path} or {@code classpath:routes/...})
 * @param text     its content
 */
public record ProjectFile(String name, String location, String text) {

    public ProjectFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
    }

    /** Reads a resource. */
    public static ProjectFile read(ProjectConfig config, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new ProjectFile(config.display(resource.getLocation()), resource.getLocation(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getLocation(), e);
        }
    }

    /** The file name without folders. */
    public String fileName() {
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf(':'));
        return location.substring(slash + 1);
    }

    /** The route id a file named {@code <id>.mapping.yaml} or {@code <id>.camel.yaml} is for. */
    public String stem(String suffix) {
        String n = fileName();
        return n.endsWith(suffix) ? n.substring(0, n.length() - suffix.length()) : n;
    }
}
