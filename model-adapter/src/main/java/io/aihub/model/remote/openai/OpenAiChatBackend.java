package io.aihub.model.remote.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.TokenUsage;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.BatchRows;
import io.aihub.model.remote.HttpReply;
import io.aihub.model.remote.RemoteEndpoint;
import io.aihub.model.remote.RemoteJson;
import io.aihub.model.remote.RemoteModelBackend;
import io.aihub.model.resilience.Retrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text model behind an OpenAI-compatible {@code POST chat/completions} API (OpenAI, Azure OpenAI behind a
 * compatible gateway, vLLM, Ollama, LiteLLM). Each record gets its own request: the system message and the prompt
 * template rendered with the record's features, and {@code response_format} of type {@code json_schema} with the
 * configured schema ({@code strict: true}). Requests run on {@code endpoint.maxConcurrency} threads per backend,
 * each retried on its own by the {@link Retrier} (so one throttled record does not resend the others).
 *
 * <p>Per record: the {@code choices[0].message.content} is checked by {@link ChatContent}; a refusal, content
 * that is not JSON or breaks the schema, or a 400-class rejection of that one request fails the record alone
 * (permanent). A retriable failure that outlives its retries, and 401/403/404, fail the whole batch. Token usage
 * is kept per record: each prediction of {@link #predict} carries its request's
 * {@link io.aihub.api.model.Prediction#usage()}, so it passes any wrapper ({@code ResilientModelBackend}) and
 * reaches the envelope; {@link #predictWithUsage} also gives the usage of records that failed, and
 * {@link #totalUsage} sums every request.
 *
 * <p>The API key comes from {@code endpoint.apiKeyEnv} and is sent as a bearer token; it is never logged.
 */
public final class OpenAiChatBackend extends RemoteModelBackend {

    /** Error code: the model refused to answer a record. */
    public static final String REFUSED = "MODEL_REFUSED";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatBackend.class);
    private static final String COMPLETIONS = "chat/completions";
    private static final Set<Integer> RECORD_STATUSES = Set.of(400, 413, 422);

    private final ChatSettings settings;
    private final String modelName;
    private final ChatContent content;
    private final Retrier retrier;
    private final ExecutorService pool;
    private final Duration batchDeadlinePerRow;
    private final AtomicReference<TokenUsage> total = new AtomicReference<>(TokenUsage.NONE);

    private OpenAiChatBackend(ModelDescriptor descriptor, RemoteEndpoint endpoint, Retrier retrier) {
        super(descriptor.metadata(), endpoint);
        this.settings = descriptor.chat();
        this.modelName = descriptor.endpoint().modelName();
        this.content = new ChatContent(settings, descriptor.labels(), descriptor.outputs(), descriptor.reference());
        this.retrier = retrier;
        int threads = descriptor.endpoint().maxConcurrency();
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "aihub-chat-" + descriptor.name() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Duration perAttempt = endpoint.timeout().plus(retrier.config().maxBackoff())
                .plus(retrier.config().maxRetryAfter());
        this.batchDeadlinePerRow = perAttempt.multipliedBy(retrier.config().maxAttempts());
    }

    /**
     * A backend for the server; no request is made until the first call.
     *
     * @param retrier retries each record's request
     */
    public static OpenAiChatBackend open(ModelDescriptor descriptor, RemoteEndpoint endpoint, Retrier retrier) {
        LOG.info("AIHUB-MODEL-0231 chat model {} ({}) at {}, {} requests at once", descriptor.reference(),
                descriptor.endpoint().modelName(), endpoint.uri(COMPLETIONS), descriptor.endpoint().maxConcurrency());
        return new OpenAiChatBackend(descriptor, endpoint, retrier);
    }

    @Override
    protected boolean serverReady() {
        return endpoint().healthy("models", null);
    }

    /** Tokens used by every request so far. */
    public TokenUsage totalUsage() {
        return total.get();
    }

    @Override
    protected List<ModelOutcome> score(List<FeatureRow> batch) {
        return predictWithUsage(batch).stream().map(ChatResult::outcome).toList();
    }

    /**
     * Like {@link #predict}, with the tokens each record's request used, also for records that failed (a refusal
     * or invalid content is billed too).
     *
     * @throws RetriableException when a record's request still fails retriably after its retries
     * @throws PermanentException {@code MODEL_AUTH_FAILED} or {@code MODEL_REQUEST_REJECTED} (404) for the batch
     */
    public List<ChatResult> predictWithUsage(List<FeatureRow> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        ensureOpen();
        BatchRows rows = BatchRows.prepare(batch, metadata().features(), reference());
        List<Map<String, Object>> sendable = new ArrayList<>();
        for (List<Object> values : rows.values()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                byName.put(metadata().features().get(i).name(), values.get(i));
            }
            sendable.add(byName);
        }
        List<Future<ChatResult>> futures = new ArrayList<>();
        try {
            for (Map<String, Object> values : sendable) {
                futures.add(pool.submit(() -> complete(values)));
            }
        } catch (RejectedExecutionException e) {
            throw new RetriableException(NOT_READY, "model " + reference() + " is closed", e);
        }
        List<ChatResult> results = await(futures);
        List<ModelOutcome> outcomes = rows.complete(k -> results.get(k).outcome());
        List<ChatResult> withUsage = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            int sent = rows.sentIndex(i);
            withUsage.add(sent >= 0 ? results.get(sent) : new ChatResult(outcomes.get(i), TokenUsage.NONE));
        }
        return withUsage;
    }

    private List<ChatResult> await(List<Future<ChatResult>> futures) {
        long deadline = System.nanoTime() + batchDeadlinePerRow.toNanos() * Math.max(1, futures.size());
        List<ChatResult> results = new ArrayList<>(futures.size());
        try {
            for (Future<ChatResult> future : futures) {
                long left = deadline - System.nanoTime();
                results.add(future.get(Math.max(0, left), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AihubException failure) {
                throw failure;
            }
            throw new PermanentException("MODEL_FAILED", "model " + reference() + ": a chat request failed: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new RetriableException(RemoteEndpoint.TIMEOUT, "model " + reference() + ": " + futures.size()
                    + " chat requests did not finish in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException(RemoteEndpoint.UNAVAILABLE, "model " + reference()
                    + ": interrupted while waiting for chat requests", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private ChatResult complete(Map<String, Object> values) {
        String body = RemoteJson.write(request(values));
        String what = "POST " + endpoint().uri(COMPLETIONS).getPath();
        HttpReply reply = retrier.call(() -> {
            HttpReply answer = endpoint().exchange("POST", COMPLETIONS, body);
            if (answer.ok() || RECORD_STATUSES.contains(answer.status())) {
                return answer;
            }
            throw endpoint().failure(what, answer);
        });
        if (!reply.ok()) {
            return new ChatResult(ModelOutcome.failed(endpoint().failure(what, reply)), TokenUsage.NONE);
        }
        JsonNode response = RemoteJson.tryParse(reply.body()).orElse(null);
        if (response == null || !response.isObject()) {
            return new ChatResult(ModelOutcome.failed(new PermanentException(RemoteEndpoint.BAD_RESPONSE, "model "
                    + reference() + ": " + what + " answered " + reply.status() + " with a body that is not a JSON"
                    + " object")), TokenUsage.NONE);
        }
        TokenUsage usage = usage(response.path("usage"));
        total.accumulateAndGet(usage, TokenUsage::plus);
        JsonNode message = response.path("choices").path(0).path("message");
        if (message.path("refusal").isTextual() && !message.path("refusal").asText().isBlank()) {
            return new ChatResult(ModelOutcome.failed(new PermanentException(REFUSED, "model " + reference()
                    + " refused to answer")), usage);
        }
        JsonNode text = message.path("content");
        ModelOutcome outcome = text.isTextual() ? content.toOutcome(text.asText())
                : content.invalid("the answer has no choices[0].message.content");
        if (outcome.isSuccess()) {
            outcome = ModelOutcome.of(outcome.prediction().withUsage(usage));
        }
        return new ChatResult(outcome, usage);
    }

    private ObjectNode request(Map<String, Object> values) {
        ObjectNode request = RemoteJson.MAPPER.createObjectNode();
        request.put("model", modelName);
        ArrayNode messages = request.putArray("messages");
        if (settings.system() != null) {
            messages.addObject().put("role", "system").put("content", ChatSettings.render(settings.system(), values));
        }
        messages.addObject().put("role", "user").put("content", ChatSettings.render(settings.prompt(), values));
        request.put("temperature", settings.temperature());
        request.put("max_tokens", settings.maxTokens());
        ObjectNode format = request.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", settings.schemaName());
        jsonSchema.put("strict", true);
        jsonSchema.set("schema", RemoteJson.MAPPER.valueToTree(settings.schema()));
        return request;
    }

    private static TokenUsage usage(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").canConvertToLong() ? usage.path("prompt_tokens").asLong() : 0;
        long completion = usage.path("completion_tokens").canConvertToLong()
                ? usage.path("completion_tokens").asLong() : 0;
        return new TokenUsage(Math.max(0, prompt), Math.max(0, completion));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        super.close();
    }
}
