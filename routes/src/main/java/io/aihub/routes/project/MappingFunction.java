package io.aihub.routes.project;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * The placeholder function {@code {{mapping:<route>/<part>}}}: reads {@code <route>.mapping.yaml} from the
 * folders of the hub's route patterns and renders {@code inputs} or {@code writeBack} as the text the route
 * templates' {@code fields} parameters take. The file is read each time a route is built, so a route reloaded
 * by {@code run --dev} sees the edited mapping.
 */
public final class MappingFunction implements PropertiesFunction {

    /** The function's name in placeholders. */
    public static final String NAME = "mapping";

    private final CamelContext context;

    public MappingFunction(CamelContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String apply(String remainder) {
        int slash = remainder.indexOf('/');
        if (slash <= 0 || slash == remainder.length() - 1) {
            throw new IllegalArgumentException("{{mapping:" + remainder + "}} must be {{mapping:<route>/<part>}} with "
                    + "part one of " + RouteMapping.PARTS);
        }
        String route = remainder.substring(0, slash);
        String part = remainder.substring(slash + 1);
        String patterns = context.getPropertiesComponent().resolveProperty(RoutePatterns.PROPERTY).orElse("");
        List<String> tried = new ArrayList<>();
        for (String location : RoutePatterns.of(patterns).mappingLocations(route)) {
            tried.add(location);
            Resource resource = PluginHelper.getResourceLoader(context).resolveResource(location);
            if (resource == null || !resource.exists()) {
                continue;
            }
            try (InputStream in = resource.getInputStream()) {
                List<Problem> problems = new ArrayList<>();
                RouteMapping mapping = RouteMapping.read(
                        YamlFile.parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8)), problems);
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException("mapping " + location + ": " + problems.get(0).message()
                            + " (./aihub validate lists every problem)");
                }
                return mapping.render(part);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read mapping " + location + ": " + e.getMessage(), e);
            } catch (YamlFile.SyntaxError e) {
                throw new IllegalArgumentException("mapping " + location + " line " + e.line() + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("no mapping file for route '" + route + "' (looked at " + tried + ")");
    }
}
