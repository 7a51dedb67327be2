package io.aihub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls a test hub's admin API on its management port, with or without a bearer token. */
final class AdminApiClient {

    /** An answer: status and body text. */
    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest a whole exchange may take, body included (the client's request timeout ends at the headers). */
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(60);

    // HTTP/1.1 as Prometheus and curl speak it; the JDK client's default is a cleartext HTTP/2 upgrade.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    AdminApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token);
    }

    Answer post(String path, String token) throws IOException, InterruptedException {
        return send("POST", path, token);
    }

    Answer send(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(EXCHANGE_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var pending = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = pending.get(EXCHANGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Answer(response.statusCode(), response.body(), response);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new AssertionError(method + " " + path + ": no complete answer within " + EXCHANGE_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
