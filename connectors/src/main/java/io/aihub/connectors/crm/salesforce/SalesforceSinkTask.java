package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.quota.ApiQuota;
import io.aihub.api.quota.QuotaReporter;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.sink.SinkTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes allow-listed fields back to records with sObject Collections updates
 * ({@code PATCH /services/data/vNN.0/composite/sobjects}, {@code allOrNone:false}) of at most
 * {@value #MAX_RECORDS_PER_CALL} records each. Records of another sObject type, with no fields, with a field
 * off the allow-list or with a value that is not a String, Number, Boolean or null are
 * {@link SinkStatus#REJECTED} without being sent. Writing the same values again leaves the record as it was
 * (Salesforce only moves its SystemModstamp), so a repeated batch is harmless.
 *
 * <p>When a call fails as a whole the exception propagates and results of earlier calls of the batch are
 * not returned; the runtime retries the whole batch, which is idempotent. An exhausted daily API limit
 * (403 {@code REQUEST_LIMIT_EXCEEDED}) is such a failure: the retriable {@code SALESFORCE_QUOTA} for the
 * batch, never per-record rejections.
 */
public final class SalesforceSinkTask implements SinkTask, QuotaReporter {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSinkTask.class);

    /** The sObject Collections limit per call. */
    public static final int MAX_RECORDS_PER_CALL = 200;

    private final SalesforceConnectionSettings settings;
    private final Set<String> allowedLowerCase;
    private final SalesforceSession session;

    SalesforceSinkTask(SalesforceConnectionSettings settings, List<String> allowedFields) {
        this.settings = settings;
        this.allowedLowerCase = allowedFields.stream().map(f -> f.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.session = new SalesforceSession(settings);
    }

    /** Logs in, so that bad credentials fail here rather than on the first write. */
    @Override
    public void start() {
        session.login();
        LOG.info("AIHUB-SF-0006 Salesforce sink '{}' started for {}", settings.instanceName(), settings.entity());
    }

    @Override
    public List<SinkResult> put(List<SinkRecord> batch) {
        SinkResult[] results = new SinkResult[batch.size()];
        List<Integer> sendable = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            results[i] = refusal(batch.get(i));
            if (results[i] == null) {
                sendable.add(i);
            }
        }
        String path = "/services/data/" + settings.apiVersion() + "/composite/sobjects";
        for (int from = 0; from < sendable.size(); from += MAX_RECORDS_PER_CALL) {
            List<Integer> all = sendable.subList(from, Math.min(sendable.size(), from + MAX_RECORDS_PER_CALL));
            Map<String, JsonNode> current = currentValues(batch, all);
            List<Integer> chunk = new ArrayList<>();
            for (int index : all) {
                if (unchanged(batch.get(index), current.get(batch.get(index).recordId()))) {
                    results[index] = new SinkResult(batch.get(index).recordId(), SinkStatus.SKIPPED_UNCHANGED, null,
                            "already holds these values");
                } else {
                    chunk.add(index);
                }
            }
            if (chunk.isEmpty()) {
                continue;
            }
            JsonNode response = session.patch("composite update", path, requestBody(batch, chunk));
            if (!response.isArray() || response.size() != chunk.size()) {
                throw new PermanentException(SalesforceResponses.PROTOCOL, "connector '" + settings.instanceName()
                        + "': the composite update answered " + response.size() + " results for "
                        + chunk.size() + " records");
            }
            for (int k = 0; k < chunk.size(); k++) {
                int index = chunk.get(k);
                results[index] = SalesforceWriteResults.toSinkResult(batch.get(index).recordId(), response.get(k));
            }
        }
        LOG.debug("Salesforce sink '{}' wrote a batch of {} ({} sent)", settings.instanceName(), batch.size(),
                sendable.size());
        return List.of(results);
    }

    @Override
    public void stop() {
        session.close();
    }

    /** The org's API usage as last reported to this task. */
    public Optional<SalesforceApiUsage> apiUsage() {
        return session.apiUsage();
    }

    /** The org's daily API request quota as last reported to this task. */
    @Override
    public Optional<ApiQuota> apiQuota() {
        return session.apiUsage().map(u -> new ApiQuota(u.used(), u.limit()));
    }

    private SinkResult refusal(SinkRecord record) {
        if (!record.entity().equalsIgnoreCase(settings.entity())) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "ENTITY_NOT_CONFIGURED",
                    "this sink writes " + settings.entity() + " records, not " + record.entity());
        }
        if (record.fields().isEmpty()) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "NO_FIELDS", "the write has no fields");
        }
        List<String> refused = record.fields().keySet().stream()
                .filter(f -> !allowedLowerCase.contains(f.toLowerCase(Locale.ROOT))).sorted().toList();
        if (!refused.isEmpty()) {
            return new SinkResult(record.recordId(), SinkStatus.REJECTED, "FIELD_NOT_ALLOWED",
                    "field(s) not on the allow-list: " + String.join(", ", refused));
        }
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            Object value = field.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                return new SinkResult(record.recordId(), SinkStatus.REJECTED, "UNSUPPORTED_VALUE_TYPE",
                        "field " + field.getKey() + " holds a " + value.getClass().getSimpleName()
                        + "; only text, numbers, booleans and null can be written");
            }
        }
        return null;
    }

    private JsonNode requestBody(List<SinkRecord> batch, List<Integer> chunk) {
        ObjectNode body = SalesforceJson.MAPPER.createObjectNode();
        body.put("allOrNone", false);
        ArrayNode records = body.putArray("records");
        for (int index : chunk) {
            SinkRecord record = batch.get(index);
            ObjectNode node = records.addObject();
            node.putObject("attributes").put("type", settings.entity());
            node.put("id", record.recordId());
            record.fields().forEach((name, value) -> node.set(name, SalesforceJson.MAPPER.valueToTree(value)));
        }
        return body;
    }

    /**
     * The current values of the fields to write of the records delivered before (an earlier attempt may have
     * written them before the hub stopped), read in one SOQL query: those already holding their values are not
     * written again, so each record version is written once. First deliveries cost no extra call. Records the
     * query does not return are left to the write (which reports them).
     */
    private Map<String, JsonNode> currentValues(List<SinkRecord> batch, List<Integer> chunk) {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (int index : chunk) {
            if (batch.get(index).redelivered()) {
                fields.addAll(batch.get(index).fields().keySet());
                ids.add(SoqlLiterals.quote(batch.get(index).recordId()));
            }
        }
        if (ids.isEmpty() || fields.isEmpty()) {
            return Map.of();
        }
        String soql = "SELECT Id, " + String.join(", ", fields) + " FROM " + settings.entity() + " WHERE Id IN ("
                + String.join(",", ids) + ")";
        String path = "/services/data/" + settings.apiVersion() + "/query?q="
                + java.net.URLEncoder.encode(soql, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode response = session.get("pre-read before write", path, Map.of());
        Map<String, JsonNode> current = new java.util.HashMap<>();
        for (JsonNode record : response.path("records")) {
            current.put(record.path("Id").asText(), record);
        }
        return current;
    }

    private static boolean unchanged(SinkRecord record, JsonNode current) {
        if (current == null) {
            return false;
        }
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            JsonNode now = current.get(field.getKey());
            Object wanted = field.getValue();
            if (now == null || now.isNull()) {
                if (wanted != null) {
                    return false;
                }
            } else if (wanted instanceof Number n) {
                if (!now.isNumber() || Double.compare(now.asDouble(), n.doubleValue()) != 0) {
                    return false;
                }
            } else if (wanted == null || !now.asText().equals(String.valueOf(wanted))) {
                return false;
            }
        }
        return true;
    }
}
