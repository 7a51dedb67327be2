package io.aihub.simulators.crm.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes one query result page as Salesforce does, streaming: envelope and sound records through Jackson, and
 * each poisoned record as its sound fields through Jackson followed by the spoiled field's raw bytes
 * ({@link PoisonKind}), so a 50 MB value is never built in memory.
 */
final class QueryPageWriter implements SimResponse.StreamedBody {

    private final String version;
    private final QueryCursorStore.Page page;
    private final Function<String, Optional<PoisonKind>> poison;

    QueryPageWriter(String version, QueryCursorStore.Page page, Function<String, Optional<PoisonKind>> poison) {
        this.version = version;
        this.page = page;
        this.poison = poison;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        StringBuilder envelope = new StringBuilder("{\"totalSize\":").append(page.total())
                .append(",\"done\":").append(page.nextLocator() == null);
        if (page.nextLocator() != null) {
            envelope.append(",\"nextRecordsUrl\":").append(json("/services/data/" + version + "/query/"
                    + page.nextLocator()));
        }
        envelope.append(",\"records\":[");
        out.write(envelope.toString().getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (Map<String, Object> record : page.records()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            Optional<PoisonKind> kind = poison.apply(String.valueOf(record.get("Id")));
            if (kind.isEmpty()) {
                out.write(SalesforceJson.MAPPER.writeValueAsBytes(record));
            } else {
                writePoisoned(out, record, kind.get());
            }
        }
        out.write(']');
        out.write('}');
    }

    private static void writePoisoned(OutputStream out, Map<String, Object> record, PoisonKind kind)
            throws IOException {
        Map<String, Object> sound = new LinkedHashMap<>(record);
        sound.remove(kind.field());
        byte[] soundBytes = SalesforceJson.MAPPER.writeValueAsBytes(sound);
        out.write(soundBytes, 0, soundBytes.length - 1);
        if (kind != PoisonKind.MISSING_REQUIRED_FIELD) {
            out.write((",\"" + kind.field() + "\":").getBytes(StandardCharsets.US_ASCII));
            kind.writeValue(out);
        }
        out.write('}');
    }

    private static String json(String text) throws JsonProcessingException {
        return SalesforceJson.MAPPER.writeValueAsString(text);
    }
}
