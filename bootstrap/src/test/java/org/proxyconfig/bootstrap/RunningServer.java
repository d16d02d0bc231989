package org.proxyconfig.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The production wiring on a free loopback port over a data dir, and a JDK client for it. */
final class RunningServer implements AutoCloseable {

    private final ProxyConfigServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    RunningServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    RunningServer(Path dataDir, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("PROXY_CONFIG_HOST", "127.0.0.1");
        env.put("PROXY_CONFIG_PORT", "0");
        env.put("PROXY_CONFIG_DATA_DIR", dataDir.toString());
        server = ProxyConfigServer.start(Settings.load(env), Clock.systemUTC());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
