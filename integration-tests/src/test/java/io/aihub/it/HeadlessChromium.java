package io.aihub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium (Debian's {@code chromium} package) driven over the Chrome DevTools Protocol: started with
 * {@code --remote-debugging-port=0}, its DevTools WebSocket URL read from its standard error, the page target
 * found through {@code /json/list}, and commands sent with {@code java.net.http}'s WebSocket. Console errors,
 * uncaught exceptions and error log entries of the page are collected from the moment it is opened.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The Chromium executable on this machine, if any ({@code -Daihub.chromium=<path>} overrides). */
    static Optional<Path> executable() {
        String configured = System.getProperty("aihub.chromium");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts Chromium headless with a throw-away profile and opens a DevTools session on its blank page. */
    static HeadlessChromium start(Path executable, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("aihub-chromium");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI browser = URI.create(devToolsUrl(process));
            return new HeadlessChromium(process, profile, pageTarget(browser));
        } catch (Exception | Error e) {
            destroy(process);
            deleteTree(profile);
            throw e;
        }
    }

    private HeadlessChromium(Process process, Path profile, URI page) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(page, new Listener()).get(60, TimeUnit.SECONDS);
        send("Runtime.enable", null);
        send("Log.enable", null);
        send("Page.enable", null);
    }

    /** Reads Chromium's standard error until it names its DevTools WebSocket (at most 60 s). */
    private static String devToolsUrl(Process process) throws Exception {
        AtomicReference<String> url = new AtomicReference<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = DEVTOOLS.matcher(line);
                    synchronized (seen) {
                        if (seen.length() < 4_000) {
                            seen.append(line).append('\n');
                        }
                    }
                    if (m.find()) {
                        synchronized (url) {
                            url.set(m.group(1));
                            url.notifyAll();
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended; the wait below reports it
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (url) {
            while (url.get() == null && process.isAlive() && System.nanoTime() < deadline) {
                url.wait(500);
            }
        }
        if (url.get() == null) {
            synchronized (seen) {
                throw new IllegalStateException("chromium did not print its DevTools URL within 60 s (alive: "
                        + process.isAlive() + "); its output:\n" + seen);
            }
        }
        return url.get();
    }

    /** The WebSocket URL of the browser's first page, from {@code http://host:port/json/list}. */
    private static URI pageTarget(URI browser) throws Exception {
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(response.body())) {
                if ("page".equals(target.path("type").asText())) {
                    return URI.create(target.path("webSocketDebuggerUrl").asText());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chromium has no page target: " + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", JSON.valueToTree(params));
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        }
        JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value (JSON-serialisable values only). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Opens a URL in the page. */
    void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    /** A PNG of the page's viewport. */
    byte[] screenshot() throws Exception {
        String data = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        return java.util.Base64.getDecoder().decode(data);
    }

    /** Console errors, uncaught exceptions and error log entries seen so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private void onEvent(JsonNode event) {
        String method = event.path("method").asText();
        JsonNode params = event.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    params.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText()
                            : a.path("description").asText()));
                    errors.add("console." + type + ": " + String.join(" ", args));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails")
                    .path("exception").path("description").asText(params.path("exceptionDetails").path("text")
                            .asText()));
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if (entry.path("level").asText().equals("error")) {
                    errors.add("log (" + entry.path("source").asText() + "): " + entry.path("text").asText() + " "
                            + entry.path("url").asText());
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            destroy(process);
            deleteTree(profile);
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }

    /** Collects text frames into messages: replies complete their command, events are inspected. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else {
                        onEvent(message);
                    }
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
