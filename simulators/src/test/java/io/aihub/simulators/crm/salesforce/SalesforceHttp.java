package io.aihub.simulators.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A bare HTTP client for protocol tests: sends exactly what a test asks and returns status, headers, JSON. */
final class SalesforceHttp {

    /** A response: status, the Sforce-Limit-Info header and the parsed body (null when empty). */
    record Reply(int status, String limitInfo, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SalesforceHttp(String base) {
        this.base = base;
    }

    String token(String clientId, String secret) {
        Reply reply = tokenRequest("grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(secret));
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply.status());
        }
        return reply.body().get("access_token").asText();
    }

    Reply tokenRequest(String form) {
        return send(HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Reply query(String token, String soql, Integer batchSize) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(base + "/services/data/v62.0/query?q=" + encode(soql)));
        if (batchSize != null) {
            request.header("Sforce-Query-Options", "batchSize=" + batchSize);
        }
        return send(authorized(request, token).GET());
    }

    /** The raw body of a query's first page, for bytes JSON parsers refuse. */
    byte[] queryRaw(String token, String soql) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(
                URI.create(base + "/services/data/v62.0/query?q=" + encode(soql))), token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    Reply get(String token, String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)), token).GET());
    }

    Reply patch(String token, String path, String json) {
        return patch(token, path, HttpRequest.BodyPublishers.ofString(json));
    }

    Reply patch(String token, String path, HttpRequest.BodyPublisher body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)), token)
                .header("Content-Type", "application/json")
                .method("PATCH", body));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Sforce-Limit-Info").orElse(null), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
