package org.proxyconfig.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.proxyconfig.application.Eventually;

/**
 * The packaged jar ({@code target/proxy-config.jar}, the libs beside it) started as an operator
 * starts it, {@code java -jar} on a loopback port, for the tests that run it as a process. It sees
 * none of the build's own {@code PROXY_CONFIG_*} variables: only host, port, data dir and the
 * settings a test gives, so a developer's environment cannot change what a test proves.
 */
public final class PackagedJar {

    public static final Path JAR = Path.of("target", "proxy-config.jar");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedJar() {
    }

    /**
     * Starts the jar on {@code 127.0.0.1:port} over {@code dataDir}, with {@code settings} added (or
     * overriding) and its console (stdout and stderr) sent to {@code console}.
     *
     * @param jvmOptions options for the JVM, before {@code -jar}
     */
    public static Process start(int port, Path dataDir, Map<String, String> settings, ProcessBuilder.Redirect console,
                                String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PROXY_CONFIG_"));
        env.put("PROXY_CONFIG_HOST", "127.0.0.1");
        env.put("PROXY_CONFIG_PORT", Integer.toString(port));
        env.put("PROXY_CONFIG_DATA_DIR", dataDir.toString());
        env.putAll(settings);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Waits (60 s at most) until the jar on {@code port} answers {@code /health} with 200, "ok" or
     * "degraded"; fails at once when it exits first, pointing at {@code console}, where its output went.
     */
    public static void awaitHealth(Process jar, int port, String console) {
        Eventually.until("the jar answering /health on port " + port + " (see " + console + ")", Duration.ofSeconds(60), () -> {
            if (!jar.isAlive()) throw new AssertionError("the jar exited (" + jar.exitValue() + "); see " + console);
            try {
                return CLIENT.send(HttpRequest.newBuilder(uri(port, "/health")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    /** {@code path} on the jar listening on {@code port}. */
    public static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends {@code request} and returns the answer, whatever its status; an I/O failure fails the test. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }

    /** A loopback port that nothing listened on a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
