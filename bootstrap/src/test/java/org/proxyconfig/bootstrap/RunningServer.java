package org.proxyconfig.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The production wiring on a free loopback port over a data dir, and a JDK client for it that
 * authenticates as the admin with {@link #ADMIN_TOKEN} unless told otherwise.
 */
public final class RunningServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "e2e-admin-token-0c4b9f2a";
    static final String VIEWER_TOKEN = "e2e-viewer-token-77e1d3b0";

    private final ProxyConfigServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String authorization;

    /** With configured admin and viewer tokens. */
    RunningServer(Path dataDir) {
        this(dataDir, Map.of("PROXY_CONFIG_ADMIN_TOKEN", ADMIN_TOKEN, "PROXY_CONFIG_VIEWER_TOKEN", VIEWER_TOKEN),
                "Bearer " + ADMIN_TOKEN, System.out);
    }

    /**
     * @param extraEnv      PROXY_CONFIG_* settings beside host, port and data dir
     * @param authorization the {@code Authorization} header of {@link #request}, none when empty
     */
    public RunningServer(Path dataDir, Map<String, String> extraEnv, String authorization, PrintStream console) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("PROXY_CONFIG_HOST", "127.0.0.1");
        env.put("PROXY_CONFIG_PORT", "0");
        env.put("PROXY_CONFIG_DATA_DIR", dataDir.toString());
        this.authorization = authorization;
        server = ProxyConfigServer.start(Settings.load(env), Clock.systemUTC(), console);
    }

    public ProxyConfigServer server() {
        return server;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A request to {@code path} carrying this server's default credentials. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        return authorization.isEmpty() ? builder : builder.header("Authorization", authorization);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> send(HttpRequest request) {
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
