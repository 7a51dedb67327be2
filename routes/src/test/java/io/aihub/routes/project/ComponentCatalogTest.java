package io.aihub.routes.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.support.DefaultEndpoint;
import org.junit.jupiter.api.Test;

/** The component catalog (what validate checks and the docs list) names exactly the endpoints' options. */
class ComponentCatalogTest {

    @Test
    void shouldListExactlyTheOptionsEachEndpointDeclares() {
        for (ComponentCatalog.Component c : ComponentCatalog.components()) {
            Set<String> setters = Arrays.stream(c.endpoint().getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("set")
                            && m.getParameterCount() == 1)
                    .map(Method::getName)
                    .map(n -> n.substring(3, 4).toLowerCase(Locale.ROOT) + n.substring(4))
                    .collect(Collectors.toSet());
            assertThat(Set.copyOf(c.optionNames())).as(c.scheme()).isEqualTo(setters);
            assertThat(DefaultEndpoint.class).isAssignableFrom(c.endpoint());
        }
    }
}
