package org.proxyconfig.bootstrap.ui;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.bootstrap.PackagedJar;

/**
 * The packaged jar ({@code target/proxy-config.jar}) running as a process on a free loopback port
 * with a fresh data dir and configured admin and viewer tokens, and a JDK client for its API: the
 * browser tests change the configuration behind the page's back with it. Other suites that run the
 * jar (the PostgreSQL outage test) start it with settings of their own, e.g. a database URL.
 */
public final class JarServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "ui-admin-token-5d1f8c2e9a";
    public static final String VIEWER_TOKEN = "ui-viewer-token-0b7e4a61c3";

    private static final Path JAR = PackagedJar.JAR;
    private static final String API = "/api/proxy-config";

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    /** Starts the jar; call {@link #awaitReady()} before using it (the browser can start meanwhile). */
    JarServer(String name) {
        this(Path.of("target", "ui-" + name + ".log"), Map.of());
    }

    /**
     * Starts the jar with its console in {@code log} and {@code env} added to (or overriding) the
     * settings above: {@code PROXY_CONFIG_DB_URL} and the like. Call {@link #awaitReady()} next.
     */
    public JarServer(Path log, Map<String, String> env) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run `mvn package` first (these are *IT tests)");
        }
        try {
            port = PackagedJar.freePort();
            dataDir = Files.createTempDirectory("proxy-config-ui-");
            this.log = log;
            Map<String, String> settings = new HashMap<>(Map.of(
                    "PROXY_CONFIG_ADMIN_TOKEN", ADMIN_TOKEN, "PROXY_CONFIG_VIEWER_TOKEN", VIEWER_TOKEN));
            settings.putAll(env);
            process = PackagedJar.start(port, dataDir, settings, ProcessBuilder.Redirect.to(log.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (60 s at most) until {@code /health} answers 200, "ok" or "degraded". */
    public void awaitReady() {
        PackagedJar.awaitHealth(process, port, log.toAbsolutePath().toString());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The configuration as the admin reads it. */
    JsonObject config() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(API))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        assertStatus(response, 200);
        return json(response.body());
    }

    /** An unconditional PUT as the admin: another operator saving, from the page's point of view. */
    void put(String json) {
        assertStatus(send(HttpRequest.newBuilder(uri(API))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build()), 200);
    }

    /** The per-target routes as the admin reads them. */
    JsonObject routes() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(API + "/routes"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        assertStatus(response, 200);
        return json(response.body());
    }

    /** An unconditional PUT of the routes as the admin: another operator saving them. */
    void putRoutes(String json) {
        assertStatus(send(HttpRequest.newBuilder(uri(API + "/routes"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build()), 200);
    }

    /** The newest revisions, as the history route returns them. */
    JsonObject history(int limit) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(API + "/history?limit=" + limit))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
        assertStatus(response, 200);
        return json(response.body());
    }

    /** A request to {@code path} that authenticates as the admin. */
    public HttpRequest.Builder asAdmin(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** Sends a request and returns the answer, whatever its status. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertStatus(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new AssertionError("expected " + expected + " from " + response.request().method() + " "
                    + response.uri() + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    /** Where the jar's console goes. */
    public Path log() {
        return log;
    }

    public static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM, as an operator stops it
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
