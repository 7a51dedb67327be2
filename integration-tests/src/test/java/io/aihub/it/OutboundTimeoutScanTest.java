package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every outbound HTTP call of the hub has a connect and a read (request) timeout: each {@code HttpClient.newBuilder()}
 * chain sets {@code connectTimeout}, each {@code HttpRequest.newBuilder(..)} chain sets {@code timeout}, and nothing
 * uses {@code HttpClient.newHttpClient()} or {@code URLConnection} (no timeouts by default). Each client also sets
 * its {@code version}: left to the default, the JDK client asks every plain-http server for a cleartext HTTP/2
 * upgrade, and its request timeout stops at the response headers, so a stalled body waits forever. A source scan over
 * {@code src/main/java}; the behaviour behind it (a hanging server is a retriable timeout) is tested per connector
 * and backend.
 */
class OutboundTimeoutScanTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("connectors", "model-adapter", "routes", "simulators");
    private static final Pattern CLIENT = Pattern.compile("HttpClient\\s*\\.\\s*newBuilder\\s*\\(");
    private static final Pattern REQUEST = Pattern.compile("HttpRequest\\s*\\.\\s*newBuilder\\s*\\(");
    private static final Pattern FORBIDDEN = Pattern.compile("HttpClient\\s*\\.\\s*newHttpClient\\s*\\("
            + "|\\.openConnection\\s*\\(");

    @Test
    void everyOutboundHttpCallShouldHaveConnectAndRequestTimeouts() {
        List<String> problems = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(file, StandardCharsets.UTF_8);
                    String where = ROOT.relativize(file).toString();
                    problems.addAll(missing(code, CLIENT, ".connectTimeout(", where));
                    problems.addAll(missing(code, CLIENT, ".version(", where));
                    problems.addAll(missing(code, REQUEST, ".timeout(", where));
                    Matcher forbidden = FORBIDDEN.matcher(code);
                    while (forbidden.find()) {
                        problems.add(where + ": " + forbidden.group() + " has no timeouts");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theScanShouldSeeAMissingTimeout() {
        assertThat(missing("var r = HttpRequest.newBuilder(uri).GET().build();", REQUEST, ".timeout(", "x"))
                .hasSize(1);
        assertThat(missing("var r = HttpRequest.newBuilder(uri).timeout(t).GET().build();", REQUEST, ".timeout(",
                "x")).isEmpty();
    }

    /** Each builder chain (up to the end of its statement) that lacks {@code setting}. */
    private static List<String> missing(String code, Pattern builder, String setting, String where) {
        List<String> problems = new ArrayList<>();
        Matcher m = builder.matcher(code);
        while (m.find()) {
            int end = code.indexOf(';', m.end());
            String chain = code.substring(m.start(), end < 0 ? code.length() : end);
            if (!chain.contains(setting)) {
                int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                problems.add(where + ":" + line + ": " + m.group() + " without " + setting);
            }
        }
        return problems;
    }
}
