package io.aihub.routes.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.spi.Resource;

/**
 * Finds a project's files: the route files the configured include patterns match (so routes another branch or
 * a later release adds are picked up without change), the mapping files next to them, and every route or mapping
 * file under a folder.
 */
public final class ProjectFiles {

    /** The route file suffix. */
    public static final String ROUTE_SUFFIX = ".camel.yaml";

    private final Map<String, ProjectFile> routes = new LinkedHashMap<>();
    private final Map<String, ProjectFile> mappings = new LinkedHashMap<>();

    /** The configured routes and their mappings. */
    public static ProjectFiles configured(ProjectConfig config) {
        ProjectFiles files = new ProjectFiles();
        for (Resource r : config.routeResources()) {
            files.routes.putIfAbsent(r.getLocation(), ProjectFile.read(config, r));
        }
        for (String folder : config.routePatterns().folders()) {
            String pattern = (folder.endsWith(":") ? folder : folder + "/") + "*" + RouteMapping.SUFFIX;
            List<Resource> found = new ArrayList<>();
            try {
                found.addAll(org.apache.camel.support.PluginHelper.getPackageScanResourceResolver(
                        config.camelContext()).findResources(pattern));
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot list mapping files " + pattern + ": " + e.getMessage(), e);
            }
            found.sort(java.util.Comparator.comparing(Resource::getLocation));
            found.forEach(r -> files.mappings.putIfAbsent(r.getLocation(), ProjectFile.read(config, r)));
        }
        return files;
    }

    /** Adds every route and mapping file under a folder (recursively, skipping target and data folders). */
    public ProjectFiles addFolder(ProjectConfig config, Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/data/"))
                    .sorted()
                    .forEach(p -> addFile(config, p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return this;
    }

    /** Adds one file if it is a route or mapping file; returns whether it was one. */
    public boolean addFile(ProjectConfig config, Path file) {
        String name = file.getFileName().toString();
        Map<String, ProjectFile> target = name.endsWith(ROUTE_SUFFIX) ? routes
                : name.endsWith(RouteMapping.SUFFIX) ? mappings : null;
        if (target == null) {
            return false;
        }
        String location = "file:" + file.toAbsolutePath().normalize();
        try {
            target.putIfAbsent(location, new ProjectFile(config.display(file), location,
                    Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return true;
    }

    public List<ProjectFile> routes() {
        return List.copyOf(routes.values());
    }

    public List<ProjectFile> mappings() {
        return List.copyOf(mappings.values());
    }
}
