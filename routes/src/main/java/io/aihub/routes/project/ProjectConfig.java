package io.aihub.routes.project;

import io.aihub.routes.HubApplication;
import io.aihub.routes.config.CamelPropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * A hub's configuration as the CLI sees it without starting anything: the built-in defaults, an optional
 * configuration file, {@code -D} overrides and the environment, resolved the way the running hub resolves them;
 * plus the line of each key in the configuration file, for problem reports. Relative paths resolve against the
 * working directory.
 */
public final class ProjectConfig implements AutoCloseable {

    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s=:][^=:\\s]*)\\s*[=:\\s]");

    private final Path workDir;
    private final Optional<Path> configFile;
    private final Map<String, String> overrides;
    private final DefaultCamelContext context;
    private final CamelPropertySource properties;
    private final Map<String, Integer> lines;

    /**
     * @param workDir    the directory relative paths are resolved against
     * @param configFile the configuration file ({@code --config}), absolute or relative to workDir
     * @param overrides  {@code -D} settings
     * @param environment environment variables (secrets, and keys named like {@code AIHUB_MODELS_DIR})
     */
    public ProjectConfig(Path workDir, Optional<Path> configFile, Map<String, String> overrides,
            Map<String, String> environment) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.configFile = configFile.map(f -> this.workDir.resolve(f).normalize());
        this.overrides = Map.copyOf(overrides);
        this.context = new DefaultCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setLocation(HubApplication.propertyLocations(this.configFile));
        Properties props = new Properties();
        props.putAll(overrides);
        pc.setOverrideProperties(props);
        pc.addPropertiesFunction(new MappingFunction(context));
        this.properties = new CamelPropertySource(context, environment);
        this.lines = this.configFile.map(ProjectConfig::keyLines).orElse(Map.of());
    }

    private static Map<String, Integer> keyLines(Path file) {
        Map<String, Integer> out = new HashMap<>();
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                Matcher m = KEY_LINE.matcher(all.get(i) + " ");
                if (m.find()) {
                    out.putIfAbsent(m.group(1), i + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Path workDir() {
        return workDir;
    }

    public Optional<Path> configFile() {
        return configFile;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /** A resolved, non-blank value; a placeholder without a value throws IllegalArgumentException. */
    public Optional<String> get(String key) {
        return properties.get(key);
    }

    /** Like {@link #get}, but never throws: a value whose placeholders cannot be resolved counts as absent. */
    public Optional<String> find(String key) {
        try {
            return get(key);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A text with its placeholders resolved; throws IllegalArgumentException naming one without a value. */
    public String resolve(String text) {
        return context.resolvePropertyPlaceholders(text);
    }

    /** The raw (unresolved) value as written in the configuration file, the overrides or the defaults. */
    public Optional<String> raw(String key) {
        if (overrides.containsKey(key)) {
            return Optional.of(overrides.get(key));
        }
        Properties all = context.getPropertiesComponent().loadProperties(k -> k.equals(key));
        return Optional.ofNullable(all.getProperty(key));
    }

    /** Every key starting with {@code prefix}, with the prefix removed, values unresolved. */
    public Map<String, String> rawWithPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        Properties all = context.getPropertiesComponent().loadProperties(k -> k.startsWith(prefix));
        all.stringPropertyNames().stream().sorted().forEach(k -> out.put(k.substring(prefix.length()),
                all.getProperty(k)));
        overrides.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Whether a key has a value in any of the property sources (a placeholder without a default needs one). */
    public boolean has(String key) {
        return find(key).isPresent() || raw(key).isPresent();
    }

    /** The comma-separated list in a key, trimmed, without empty entries. */
    public List<String> list(String key) {
        return Arrays.stream(find(key).orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    /** The file name problems use for the configuration file. */
    public String configName() {
        return configFile.map(this::display).orElse("classpath:application.properties");
    }

    /** The line of a key in the configuration file, or 0 when it is not written there. */
    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** Whether the configuration file itself sets the key. */
    public boolean inConfigFile(String key) {
        return lines.containsKey(key);
    }

    /** The models folder ({@code aihub.models.dir}, relative to the working directory). */
    public Path modelsDir() {
        return workDir.resolve(find("aihub.models.dir").orElse("models")).normalize();
    }

    /** The route patterns the hub loads: {@code -D camel.main.routesIncludePattern}, the file's aihub.routes, or the defaults. */
    public RoutePatterns routePatterns() {
        if (overrides.containsKey(RoutePatterns.PROPERTY)) {
            return RoutePatterns.of(overrides.get(RoutePatterns.PROPERTY));
        }
        Optional<String> fromFile = configFile.filter(Files::isRegularFile).flatMap(HubApplication::routesOf);
        return RoutePatterns.of(fromFile.orElseGet(() -> find(RoutePatterns.PROPERTY).orElse("")));
    }

    /** The route files the patterns match, sorted by location. */
    public List<Resource> routeResources() {
        List<Resource> out = new java.util.ArrayList<>();
        for (String pattern : routePatterns().patterns()) {
            try {
                out.addAll(PluginHelper.getPackageScanResourceResolver(context).findResources(pattern));
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot list route files " + pattern + ": " + e.getMessage(), e);
            }
        }
        out.sort(java.util.Comparator.comparing(Resource::getLocation));
        return out;
    }

    /** The Camel context used for property resolution and resource lookup (never started). */
    public org.apache.camel.CamelContext camelContext() {
        return context;
    }

    /** The resource at a location ({@code file:...} or {@code classpath:...}). */
    public Resource resource(String location) {
        return PluginHelper.getResourceLoader(context).resolveResource(location);
    }

    /** A path as problems print it: relative to the working directory when inside it. */
    public String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workDir) ? workDir.relativize(abs).toString() : abs.toString();
    }

    /** A resource location as problems print it. */
    public String display(String location) {
        if (location.startsWith("file:")) {
            return display(Path.of(location.substring(5)));
        }
        int inJar = location.indexOf(".jar!/");
        return inJar < 0 ? location : "classpath:" + location.substring(inJar + 6);
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the property context failed: " + e.getMessage(), e);
        }
    }
}
