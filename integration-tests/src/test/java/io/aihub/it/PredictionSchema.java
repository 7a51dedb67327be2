package io.aihub.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aihub.api.envelope.PredictionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Validates published messages against the shipped prediction JSON Schema. */
final class PredictionSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchema schema;

    PredictionSchema() {
        try (InputStream in = PredictionEvent.class.getResourceAsStream(PredictionEvent.SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema violations of one message body; empty when valid. */
    Set<ValidationMessage> problems(String body) {
        try {
            return schema.validate(JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
