package io.aihub.routes.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard's files, read from the class path once: the page and its script and style sheet
 * ({@code aihub-dashboard/}), and Chart.js from its webjar, so the page needs nothing from the internet.
 */
final class DashboardAssets {

    /** A file to serve. */
    record Asset(byte[] bytes, String contentType) {
    }

    private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    DashboardAssets() {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        put("/", loader, "aihub-dashboard/index.html", "text/html; charset=utf-8");
        put("/dashboard/dashboard.js", loader, "aihub-dashboard/dashboard.js", "text/javascript; charset=utf-8");
        put("/dashboard/dashboard.css", loader, "aihub-dashboard/dashboard.css", "text/css; charset=utf-8");
        String chartDir = "META-INF/resources/webjars/chart.js/" + chartJsVersion(loader);
        put("/dashboard/chart.umd.js", loader, chartDir + "/dist/chart.umd.js", "text/javascript; charset=utf-8");
        put("/dashboard/chart.js-LICENSE.md", loader, chartDir + "/LICENSE.md", "text/plain; charset=utf-8");
    }

    /** The asset served at a path, if any. */
    Optional<Asset> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The paths served. */
    java.util.Set<String> paths() {
        return byPath.keySet();
    }

    private void put(String path, ClassLoader loader, String resource, String contentType) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource " + resource + " is not on the class path");
            }
            byPath.put(path, new Asset(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dashboard resource " + resource, e);
        }
    }

    private static String chartJsVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js webjar (org.webjars.npm:chart.js) is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CHART_JS_POM, e);
        }
    }
}
