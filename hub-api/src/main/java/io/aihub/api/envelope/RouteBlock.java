package io.aihub.api.envelope;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The {@code route} block.
 *
 * @param id         the route id
 * @param hubVersion the aihub version that ran it
 */
@JsonPropertyOrder({"id", "hubVersion"})
public record RouteBlock(String id, String hubVersion) {

    public RouteBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hubVersion, "hubVersion");
    }
}
