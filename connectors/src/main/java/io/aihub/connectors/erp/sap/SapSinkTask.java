package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.sink.SinkTask;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes allow-listed properties back, one {@code PATCH <EntitySet>('<key>')} per record, with the CSRF token
 * and session cookies of {@link SapODataClient} and {@code If-Match: <the ETag the record was scored from>}
 * ({@link SinkRecord#version()}; none when it is null). Numbers with a fraction are sent as decimal text (SAP's
 * JSON form of {@code Edm.Decimal}), whole numbers as JSON numbers.
 *
 * <p>Per record: 2xx is {@link SinkStatus#WRITTEN}. 412 (the record changed since it was scored) reads the
 * record: when it already holds the values (this batch was written before, the write is being repeated) the
 * result is {@link SinkStatus#SKIPPED_UNCHANGED}, else {@link SinkStatus#CONFLICT} {@code SAP_ETAG_MISMATCH}
 * and nothing is overwritten. 428 is {@code SAP_PRECONDITION_REQUIRED}, 404 {@code SAP_NOT_FOUND}, other 4xx
 * SAP's error code, all {@link SinkStatus#REJECTED}. Records of another entity set, without fields, with a
 * property off the allow-list or a value that is not text, a number, a boolean or null are rejected without a
 * call. For the batch: 401 is the permanent {@code SAP_AUTH} (basic credentials cannot be renewed); 408, 429
 * and 5xx the retriable {@code SAP_UNAVAILABLE}, and the runtime repeats the whole batch, which the 412 rule
 * makes idempotent; a CSRF token refused twice in a row is the permanent {@code SAP_CSRF}.
 */
public final class SapSinkTask implements SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(SapSinkTask.class);

    private final SapConnectionSettings settings;
    private final Set<String> allowed;
    private final SapODataClient client;

    SapSinkTask(SapConnectionSettings settings, List<String> allowedFields) {
        this.settings = settings;
        this.allowed = Set.copyOf(allowedFields);
        this.client = new SapODataClient(settings);
    }

    /** Fetches the CSRF token, so bad credentials or missing rights fail here rather than on the first write. */
    @Override
    public void start() {
        client.fetchCsrfToken();
        LOG.info("AIHUB-SAP-0003 SAP sink '{}' started for {}/{}", settings.instanceName(), settings.serviceRoot(),
                settings.entitySet());
    }

    @Override
    public List<SinkResult> put(List<SinkRecord> batch) {
        List<SinkResult> results = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            SinkResult refused = refusal(record);
            results.add(refused != null ? refused : write(record));
        }
        LOG.debug("SAP sink '{}' handled a batch of {}", settings.instanceName(), batch.size());
        return List.copyOf(results);
    }

    @Override
    public void stop() {
        client.close();
    }

    private SinkResult write(SinkRecord record) {
        String path = ODataQueries.entityPath(settings.entitySet(), record.recordId());
        byte[] body;
        try {
            body = SapJson.MAPPER.writeValueAsBytes(requestBody(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a write body cannot be rendered as JSON", e);
        }
        HttpResponse<byte[]> response = client.patch("update", client.uri(path, null), body, record.version());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return SinkResult.written(record.recordId());
        }
        return switch (status) {
            case 412 -> holdsValues(path, record.fields())
                    ? new SinkResult(record.recordId(), SinkStatus.SKIPPED_UNCHANGED, null, null)
                    : new SinkResult(record.recordId(), SinkStatus.CONFLICT, "SAP_ETAG_MISMATCH", "the record"
                            + " changed in SAP after it was scored (412 Precondition Failed on If-Match); not"
                            + " overwritten, the next read scores the new version");
            case 428 -> new SinkResult(record.recordId(), SinkStatus.REJECTED, "SAP_PRECONDITION_REQUIRED",
                    "the service requires If-Match but the write carries no version (ETag) to send; route the"
                    + " record's version from the source");
            case 404 -> new SinkResult(record.recordId(), SinkStatus.REJECTED, "SAP_NOT_FOUND", "no "
                    + settings.entitySet() + " with this key (deleted, or never existed)");
            default -> {
                if (status == 401 || SapErrors.retriable(status) || status < 400) {
                    throw SapErrors.failure(settings.instanceName(), "update", status, response.body(),
                            settings.authMode().configValue());
                }
                yield new SinkResult(record.recordId(), SinkStatus.REJECTED, SapErrors.code(status,
                        response.body()), "SAP refused the update: " + SapErrors.describe(status, response.body()));
            }
        };
    }

    /** Whether the record now holds every value of {@code fields} (numbers compared as decimals). */
    private boolean holdsValues(String path, Map<String, Object> fields) {
        JsonNode current = client.getJson("read after 412", client.uri(path, "$format=json")).path("d");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!sameValue(field.getValue(), current.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameValue(Object wanted, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (wanted == null || actual.isNull()) {
            return wanted == null && actual.isNull();
        }
        if (wanted instanceof Number number) {
            try {
                BigDecimal have = actual.isNumber() ? actual.decimalValue() : new BigDecimal(actual.asText());
                return have.compareTo(new BigDecimal(number.toString())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (wanted instanceof Boolean flag) {
            return actual.isBoolean() && actual.booleanValue() == flag;
        }
        return actual.isTextual() && actual.asText().equals(wanted);
    }

    private ObjectNode requestBody(SinkRecord record) {
        ObjectNode body = SapJson.MAPPER.createObjectNode();
        record.fields().forEach((name, value) -> {
            if (value == null) {
                body.putNull(name);
            } else if (value instanceof String text) {
                body.put(name, text);
            } else if (value instanceof Boolean flag) {
                body.put(name, flag);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte || value instanceof BigInteger) {
                body.put(name, new BigDecimal(value.toString()).toBigInteger());
            } else {
                body.put(name, decimalText((Number) value));
            }
        });
        return body;
    }

    /** SAP's JSON form of an Edm.Decimal: plain decimal text, e.g. {@code 0.73} (never {@code 7.3E-1}). */
    static String decimalText(Number value) {
        BigDecimal decimal = value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
        return decimal.stripTrailingZeros().toPlainString();
    }

    private SinkResult refusal(SinkRecord record) {
        if (!record.entity().equals(settings.entitySet())) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "ENTITY_NOT_CONFIGURED", "this sink writes "
                    + settings.entitySet() + " entities, not " + record.entity());
        }
        if (record.fields().isEmpty()) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "NO_FIELDS", "the write has no fields");
        }
        List<String> notAllowed = record.fields().keySet().stream().filter(f -> !allowed.contains(f)).sorted()
                .toList();
        if (!notAllowed.isEmpty()) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "FIELD_NOT_ALLOWED", "properties not on"
                    + " allowedFields: " + String.join(", ", notAllowed));
        }
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            Object value = field.getValue();
            boolean finite = !(value instanceof Double d && !Double.isFinite(d))
                    && !(value instanceof Float f && !Float.isFinite(f));
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)
                    || !finite) {
                return new SinkResult(record.recordId(), SinkStatus.REJECTED, "VALUE_NOT_SUPPORTED", "property "
                        + field.getKey() + " holds a value that is not text, a finite number, a boolean or null");
            }
        }
        if (record.recordId().isEmpty()) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "NO_KEY", "the write has an empty key");
        }
        return null;
    }
}
