package io.aihub.routes.dev;

import io.aihub.routes.project.ProjectFile;
import io.aihub.routes.project.RouteFile;
import io.aihub.routes.project.RouteMapping;
import io.aihub.routes.project.RoutePatterns;
import io.aihub.routes.project.YamlFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the folders of the hub's file route patterns and reloads a route file's routes when the file or the
 * mapping of one of its routes changes. A reload stops the file's routes gracefully first: a source finishes the
 * page in hand, which is committed only after the broker committed it, so no record is lost; a page whose
 * delivery was cut short is read again after the reload and its events, whose ids are deterministic, are dropped
 * by the broker's duplicate detection. A file that does not parse keeps its old routes running; a file whose new
 * routes fail to start gets its previous version back.
 */
public final class DevReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevReloader.class);
    private static final long STOP_TIMEOUT_S = 60;

    private final CamelContext context;
    private final io.aihub.routes.ActivityTracker activity;
    private final List<Path> folders;
    private final PrintStream out;
    private final long pollMillis;
    private final Map<Path, Long> stamps = new HashMap<>();
    /** The text each route file had when its routes were last loaded, to restore it when a reload fails. */
    private final Map<Path, String> loaded = new HashMap<>();
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param pollMillis how often the folders are checked; a change is acted on once it was stable for one check
     */
    public DevReloader(CamelContext context, io.aihub.routes.ActivityTracker activity, PrintStream out,
            long pollMillis) {
        this.context = context;
        this.activity = activity;
        this.out = out;
        this.pollMillis = pollMillis;
        String patterns = context.getPropertiesComponent().resolveProperty(RoutePatterns.PROPERTY).orElse("");
        this.folders = RoutePatterns.of(patterns).folders().stream().filter(f -> f.startsWith("file:"))
                .map(f -> Path.of(f.substring(5))).toList();
    }

    /** The folders watched; empty when the hub loads its routes from the classpath only. */
    public List<Path> folders() {
        return folders;
    }

    /** Starts watching on a daemon thread. */
    public void start() {
        scan().forEach((file, stamp) -> {
            stamps.put(file, stamp);
            if (file.getFileName().toString().endsWith(".camel.yaml")) {
                readQuietly(file).ifPresent(text -> loaded.put(file, text));
            }
        });
        thread = new Thread(this::loop, "aihub-dev-reload");
        thread.setDaemon(true);
        thread.start();
        out.println("dev mode: watching " + folders + " for changed *.camel.yaml and *.mapping.yaml files");
    }

    private void loop() {
        Map<Path, Long> pending = new HashMap<>();
        while (running) {
            try {
                Thread.sleep(pollMillis);
                Map<Path, Long> now = scan();
                Map<Path, Long> changed = new HashMap<>();
                now.forEach((file, stamp) -> {
                    if (!stamp.equals(stamps.get(file))) {
                        changed.put(file, stamp);
                    }
                });
                // Act on a change once the file stopped changing for one check (editors write in steps).
                Set<Path> ready = new LinkedHashSet<>();
                changed.forEach((file, stamp) -> {
                    if (stamp.equals(pending.get(file))) {
                        ready.add(file);
                    }
                });
                pending.clear();
                pending.putAll(changed);
                ready.forEach(pending::remove);
                if (!ready.isEmpty()) {
                    ready.forEach(f -> stamps.put(f, now.get(f)));
                    for (Path routeFile : routeFilesFor(ready, now.keySet())) {
                        reload(routeFile);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("AIHUB-DEV-0003 dev reload check failed: {}", e.toString());
            }
        }
    }

    /** The route files to reload for changed files: a changed route file, and the route files using a changed mapping. */
    private List<Path> routeFilesFor(Set<Path> changed, Set<Path> all) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path file : changed) {
            String name = file.getFileName().toString();
            if (name.endsWith(".camel.yaml")) {
                out.add(file);
            } else if (name.endsWith(RouteMapping.SUFFIX)) {
                String route = name.substring(0, name.length() - RouteMapping.SUFFIX.length());
                for (Path candidate : all) {
                    if (candidate.getFileName().toString().endsWith(".camel.yaml") && readQuietly(candidate)
                            .map(t -> t.contains("mapping:" + route + "/")).orElse(false)) {
                        out.add(candidate);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Reloads one route file. The hub counts as busy meanwhile, so {@code run --once} does not take the moment
     * between the old routes stopping and the new ones starting for the end of the work.
     */
    void reload(Path file) {
        String worker = "dev-reload:" + file.getFileName();
        activity.register(worker);
        activity.idle(worker, false);
        try {
            reloadNow(file);
        } finally {
            activity.unregister(worker);
        }
    }

    /** Stops and removes the file's old routes, then loads the file again; restores the old version on failure. */
    private void reloadNow(Path file) {
        String display = file.getFileName().toString();
        java.util.Optional<String> text = readQuietly(file);
        List<String> oldIds = loaded.containsKey(file) ? ids(file, loaded.get(file)) : List.of();
        if (text.isEmpty()) {
            removeRoutes(oldIds);
            loaded.remove(file);
            out.println("dev mode: " + display + " removed; stopped " + oldIds);
            return;
        }
        try {
            RouteFile.parse(new ProjectFile(display, "file:" + file, text.get()));
        } catch (YamlFile.SyntaxError e) {
            out.println("dev mode: " + display + ":" + e.line() + ": " + e.getMessage() + "; routes " + oldIds
                    + " keep running unchanged");
            return;
        }
        long started = System.nanoTime();
        removeRoutes(oldIds);
        try {
            load(file, text.get());
            loaded.put(file, text.get());
            out.println("dev mode: reloaded " + display + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - started) + " ms; routes " + ids(file, text.get()));
        } catch (Exception e) {
            out.println("dev mode: " + display + " could not be loaded (" + rootMessage(e) + "); restoring the "
                    + "previous version");
            removeRoutes(ids(file, text.get()));
            if (loaded.containsKey(file)) {
                try {
                    load(file, loaded.get(file));
                } catch (Exception again) {
                    out.println("dev mode: the previous version of " + display + " failed too: " + rootMessage(again));
                }
            }
        }
    }

    private void load(Path file, String text) throws Exception {
        Resource resource = ResourceHelper.fromString("file:" + file, text);
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
    }

    /** Stops each route gracefully (a source finishes and commits its page in hand), then removes it. */
    private void removeRoutes(List<String> ids) {
        for (String id : ids) {
            try {
                if (context.getRoute(id) != null) {
                    context.getRouteController().stopRoute(id, STOP_TIMEOUT_S, TimeUnit.SECONDS);
                    context.removeRoute(id);
                }
            } catch (Exception e) {
                LOG.warn("AIHUB-DEV-0002 route {} could not be stopped and removed: {}", id, e.toString());
            }
        }
    }

    private static List<String> ids(Path file, String text) {
        try {
            return RouteFile.parse(new ProjectFile(file.toString(), "file:" + file, text)).routeIds();
        } catch (YamlFile.SyntaxError e) {
            return List.of();
        }
    }

    private Map<Path, Long> scan() {
        Map<Path, Long> out = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")
                        || f.getFileName().toString().endsWith(RouteMapping.SUFFIX)).forEach(f -> {
                            try {
                                out.put(f, Files.getLastModifiedTime(f).toMillis() * 31 + Files.size(f));
                            } catch (IOException e) {
                                // deleted between list and stat: seen as gone
                            }
                        });
            } catch (IOException e) {
                LOG.warn("AIHUB-DEV-0001 cannot list {}: {}", folder, e.toString());
            }
        }
        return out;
    }

    private static java.util.Optional<String> readQuietly(Path file) {
        try {
            return java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            // No interrupt: a reload in progress finishes its graceful stop first.
            thread.join(TimeUnit.SECONDS.toMillis(2 * STOP_TIMEOUT_S));
        }
    }
}
