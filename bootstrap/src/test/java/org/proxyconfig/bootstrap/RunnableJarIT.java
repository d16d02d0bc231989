package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.application.Eventually;

/**
 * The packaged jar, as an operator runs it: {@code java -jar bootstrap/target/proxy-config.jar}
 * with the libs beside it, configured by environment, stopped by SIGTERM.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "proxy-config.jar");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void theJarStartsServesStopsCleanlyOnSigtermAndKeepsItsData() throws Exception {
        assertThat(JAR).exists();
        assertThat(JAR.resolveSibling("libs")).isDirectory();
        int port = freePort();

        Path firstLog = dataDir.resolveSibling(dataDir.getFileName() + "-first.log");
        Process first = start(port, firstLog);
        String token;
        try {
            waitForHealth(first, port, firstLog);
            token = generatedToken(firstLog);
            HttpResponse<String> put = send(port, HttpRequest.newBuilder(uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"enabled\":true,\"url\":\"proxy.example:3128\",\"username\":\"u\",\"password\":\"jar-secret-5x\"}"))
                    .build());
            assertThat(put.statusCode()).isEqualTo(200);
        } finally {
            first.destroy(); // SIGTERM
        }
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
        String log = Files.readString(firstLog);
        assertThat(log).contains("proxy-config listening on http://127.0.0.1:" + port)
                .contains(dataDir.toString())
                .contains("proxy-config stopped cleanly")
                .doesNotContain("jar-secret-5x");

        Path secondLog = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
        Process second = start(port, secondLog);
        try {
            waitForHealth(second, port, secondLog);
            String body = send(port, HttpRequest.newBuilder(uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer " + token).GET().build()).body();
            assertThat(body).contains("\"url\":\"proxy.example:3128\"").contains("\"password\":\"<redacted>\"");
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(secondLog)).as("the token is shown on the first start only").doesNotContain(token);
    }

    @Test
    void aJarThatCannotStartSaysWhatFailedAndWhyWithoutItsSecrets() throws Exception {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-refused.log");
        // Nothing listens on port 1: the database cannot be opened, a refusal with a cause.
        Process jar = start(freePort(), log, Map.of(
                "PROXY_CONFIG_DB_URL", "jdbc:postgresql://127.0.0.1:1/pc?password=url-secret-4d",
                "PROXY_CONFIG_DB_PASSWORD", "db-secret-8b",
                "PROXY_CONFIG_ADMIN_TOKEN", "jar-admin-secret-2e"));

        assertThat(jar.waitFor(60, TimeUnit.SECONDS)).as("gave up within 60 s").isTrue();
        assertThat(jar.exitValue()).isEqualTo(1);
        String output = Files.readString(log);
        assertThat(output).contains("proxy-config failed to start: "
                        + "org.proxyconfig.adapters.persistence.DatabaseUnavailableException: cannot open the database")
                .contains("127.0.0.1:1")
                .doesNotContain("url-secret-4d").doesNotContain("db-secret-8b").doesNotContain("jar-admin-secret-2e")
                .doesNotContain(": null");
    }

    /** The admin token that the first start printed once, on its console. */
    private static String generatedToken(Path log) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(pc_[A-Za-z0-9_-]{43})\\b").matcher(Files.readString(log));
        assertThat(m.find()).as("a generated token on the console").isTrue();
        return m.group(1);
    }

    private Process start(int port, Path log) throws IOException {
        return start(port, log, Map.of());
    }

    /** @param settings more PROXY_CONFIG_* variables; the jar sees no other than host, port and data dir */
    private Process start(int port, Path log, Map<String, String> settings) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PROXY_CONFIG_HOST", "127.0.0.1");
        builder.environment().put("PROXY_CONFIG_PORT", Integer.toString(port));
        builder.environment().put("PROXY_CONFIG_DATA_DIR", dataDir.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROXY_CONFIG_")
                && !name.equals("PROXY_CONFIG_HOST") && !name.equals("PROXY_CONFIG_PORT")
                && !name.equals("PROXY_CONFIG_DATA_DIR"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    private static void waitForHealth(Process jar, int port, Path log) {
        Eventually.until("the jar answering /health on port " + port, Duration.ofSeconds(60), () -> {
            if (!jar.isAlive()) throw new AssertionError("the jar exited (" + jar.exitValue() + "); see " + log);
            try {
                return send(port, HttpRequest.newBuilder(uri(port, "/health")).GET().build()).statusCode() == 200;
            } catch (AssertionError notListeningYet) {
                return false;
            }
        });
    }

    private static HttpResponse<String> send(int port, HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
