package io.aihub.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private static final int LIMIT = 64 * 1024;

    private HttpServer server;
    private final AtomicLong chunkedBytesSent = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/small", exchange -> {
            byte[] body = "x".repeat(LIMIT).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/declared", exchange -> {
            exchange.sendResponseHeaders(200, LIMIT + 1);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] piece = new byte[8 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64 * 1024; i++) { // 512 MiB if nobody stops reading
                    out.write(piece);
                    chunkedBytesSent.addAndGet(piece.length);
                }
            } catch (IOException closedByClient) {
                // expected: the client cancelled the body
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aBodyUpToTheLimitIsReadWhole() throws Exception {
        assertThat(client.send(get("/small"), BoundedBody.upTo(LIMIT)).body()).hasSize(LIMIT);
    }

    @Test
    void aDeclaredLengthAboveTheLimitFailsNamingTheLimit() {
        assertThatThrownBy(() -> client.send(get("/declared"), BoundedBody.upTo(LIMIT)))
                .satisfies(e -> assertThat(BoundedBody.isTooLarge(e)).as("too large: %s", e).isTrue())
                .hasMessageContaining(String.valueOf(LIMIT));
    }

    @Test
    void aChunkedBodyIsCutOffSoonAfterTheLimit() {
        assertThatThrownBy(() -> client.send(get("/chunked"), BoundedBody.upTo(LIMIT)))
                .satisfies(e -> assertThat(BoundedBody.isTooLarge(e)).as("too large: %s", e).isTrue());
        assertThat(chunkedBytesSent.get()).as("bytes the server got to send").isLessThan(64L * 1024 * 1024);
    }
}
