package io.aihub.simulators.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * An OpenAI-compatible chat completions server that triages support tickets: {@code GET /v1/models} and
 * {@code POST /v1/chat/completions}. It requires {@code response_format} of type {@code json_schema} and, when an
 * API key is set, {@code Authorization: Bearer <key>} (401 otherwise).
 *
 * <p>The answer is a deterministic function of the user message: the queue is {@code billing} when it mentions an
 * invoice, refund, charge or payment, {@code technical} for an error, crash, bug or failure, {@code account} for a
 * password, login or access, and {@code general} otherwise; the confidence is 0.55 to 0.99, derived from a
 * checksum of the message. The content is {@code {"<queue property>": ..., "<confidence property>": ...,
 * "reason": "..."}}, plus {@code "priority"} ({@link TicketTriage#priority}) when the request's schema has a
 * {@code priority} property. {@code usage} counts whitespace-separated words of the messages plus 8 as prompt tokens and
 * a quarter of the content's characters (at least 1) as completion tokens.
 */
public final class OpenAiChatSimulator extends ModelServerSimulator {

    private final String apiKey;
    private final String labelProperty;
    private final String scoreProperty;

    private OpenAiChatSimulator(String apiKey, String labelProperty, String scoreProperty) {
        super("openai-chat");
        this.apiKey = apiKey;
        this.labelProperty = labelProperty;
        this.scoreProperty = scoreProperty;
    }

    /**
     * A started simulator.
     *
     * @param apiKey        the key requests must send, or null to accept any
     * @param labelProperty the content property holding the queue, e.g. {@code queue}
     * @param scoreProperty the content property holding the confidence, e.g. {@code confidence}
     */
    public static OpenAiChatSimulator start(String apiKey, String labelProperty, String scoreProperty) {
        OpenAiChatSimulator simulator = new OpenAiChatSimulator(apiKey, labelProperty, scoreProperty);
        simulator.start();
        return simulator;
    }

    /** The queue the simulator gives a user message ({@link TicketTriage#category}). */
    public static String queueFor(String userMessage) {
        return TicketTriage.category(userMessage);
    }

    /** The confidence the simulator gives a user message. */
    public static double confidenceFor(String userMessage) {
        CRC32 crc = new CRC32();
        crc.update(userMessage.getBytes(StandardCharsets.UTF_8));
        return 0.55 + (crc.getValue() % 45) / 100.0;
    }

    @Override
    boolean scoring(SimRequest request) {
        return request.is("POST", "/v1/chat/completions");
    }

    @Override
    SimReply answer(SimRequest request, ModelFault fault) {
        if (request.is("GET", "/v1/models")) {
            return isReady() ? SimReply.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"sim-triage\","
                    + "\"object\":\"model\"}]}") : SimReply.json(503, errorBody(503, "service unavailable"));
        }
        if (!scoring(request)) {
            return SimReply.json(404, errorBody(404, "Not found"));
        }
        if (apiKey != null && !("Bearer " + apiKey).equals(request.headers().get("authorization"))) {
            return SimReply.json(401, errorBody(401, "Incorrect API key provided."));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            return SimReply.json(400, errorBody(400, "We could not parse the JSON body of your request."));
        }
        JsonNode format = body.path("response_format");
        if (!"json_schema".equals(format.path("type").asText()) || !format.path("json_schema").path("schema")
                .isObject()) {
            return SimReply.json(400, errorBody(400, "response_format must be of type json_schema with a schema"));
        }
        String user = "";
        int words = 0;
        for (JsonNode message : body.path("messages")) {
            String content = message.path("content").asText("");
            words += content.isBlank() ? 0 : content.trim().split("\\s+").length;
            if ("user".equals(message.path("role").asText())) {
                user = content;
            }
        }
        boolean priority = format.path("json_schema").path("schema").path("properties").has("priority");
        String content = content(user, fault, priority);
        int completionTokens = Math.max(1, content.length() / 4);
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-sim-" + Integer.toHexString(user.hashCode()));
        response.put("object", "chat.completion");
        response.put("created", 1_767_225_600L);
        response.put("model", body.path("model").asText());
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        choice.put("finish_reason", "stop");
        response.putObject("usage").put("prompt_tokens", words + 8).put("completion_tokens", completionTokens)
                .put("total_tokens", words + 8 + completionTokens);
        return SimReply.json(200, json(response));
    }

    private String content(String user, ModelFault fault, boolean priority) {
        if (fault != null && fault.kind() == ModelFault.Kind.INVALID_JSON_CONTENT) {
            return "Sure! I would put this ticket in the " + queueFor(user) + " queue.";
        }
        ObjectNode content = JSON.createObjectNode();
        if (fault != null && fault.kind() == ModelFault.Kind.SCHEMA_VIOLATING_CONTENT) {
            content.put(labelProperty, "spam");
            content.put(scoreProperty, "very high");
        } else {
            if (priority) {
                content.put("priority", TicketTriage.priority(user));
            }
            content.put(labelProperty, queueFor(user));
            content.put(scoreProperty, confidenceFor(user));
            content.put("reason", "matched the ticket's wording");
        }
        return json(content);
    }

    @Override
    String errorBody(int status, String message) {
        String type = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return json(error);
    }
}
