package io.aihub.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.aihub.api.error.PermanentException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CancellableRequests#bytesUpTo}: the Salesforce, Dataverse and SAP connectors read response bodies only up
 * to their limit. A body without {@code Content-Length} that grows past it is cut off while streaming (the server
 * gets to send only a fraction of it), a larger declared length is not read at all; both end in a permanent
 * {@value CancellableRequests#RESPONSE_TOO_LARGE}.
 */
class BoundedResponseBodyTest {

    private static final long LIMIT = 1 << 20;
    private static final long HUGE = 256L << 20;

    private final AtomicLong sent = new AtomicLong();
    private HttpServer server;
    private CancellableRequests requests;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < HUGE) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException stoppedReading) {
                // the client cancelled: what was sent so far is in 'sent'
            }
        });
        server.createContext("/declared", exchange -> {
            exchange.sendResponseHeaders(200, HUGE);
            exchange.close();
        });
        server.createContext("/small", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        requests = new CancellableRequests(Duration.ofSeconds(10), op -> new IllegalStateException(op),
                (op, what, cause) -> new IllegalStateException(op + " " + what, cause));
    }

    @AfterEach
    void stop() {
        requests.close();
        server.stop(0);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void shouldCutOffAChunkedBodyPastTheLimit() {
        assertThatThrownBy(() -> requests.send("query", get("/chunked"), CancellableRequests.bytesUpTo(LIMIT)))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(CancellableRequests.RESPONSE_TOO_LARGE));
        assertThat(sent.get()).as("bytes the server could send").isLessThan(HUGE / 4);
    }

    @Test
    void shouldNotReadADeclaredLengthAboveTheLimit() {
        assertThatThrownBy(() -> requests.send("query", get("/declared"), CancellableRequests.bytesUpTo(LIMIT)))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(CancellableRequests.RESPONSE_TOO_LARGE));
    }

    @Test
    void shouldReadABodyWithinTheLimit() {
        assertThat(new String(requests.send("query", get("/small"), CancellableRequests.bytesUpTo(LIMIT)).body(),
                StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }
}
