package org.proxyconfig.bootstrap.multiinstance;

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
import org.proxyconfig.bootstrap.ProxyConfigServer;
import org.proxyconfig.bootstrap.Settings;

/**
 * One instance of the production wiring ({@link ProxyConfigServer}) on a shared database, with a
 * JDK client that authenticates as the admin. Several of these on one PostgreSQL are "several
 * instances behind a load balancer", in one JVM.
 */
final class Instance implements AutoCloseable {

    static final String ADMIN_TOKEN = "multi-instance-admin-token-5d2c";
    /** Every instance of a deployment shares the key that seals the proxy password. */
    static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final ProxyConfigServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    Instance(String jdbcUrl, String user, String password, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("PROXY_CONFIG_HOST", "127.0.0.1");
        env.put("PROXY_CONFIG_PORT", "0");
        env.put("PROXY_CONFIG_DATA_DIR", dataDir.toString());
        env.put("PROXY_CONFIG_DB_URL", jdbcUrl);
        env.put("PROXY_CONFIG_DB_USER", user);
        env.put("PROXY_CONFIG_DB_PASSWORD", password);
        env.put("PROXY_CONFIG_ENCRYPTION_KEY", ENCRYPTION_KEY);
        env.put("PROXY_CONFIG_ADMIN_TOKEN", ADMIN_TOKEN);
        server = ProxyConfigServer.start(Settings.load(env), Clock.systemUTC(), new PrintStream(PrintStream.nullOutputStream()));
    }

    ProxyConfigServer server() {
        return server;
    }

    /** The revision this instance routes outbound traffic with. */
    long revisionInForce() {
        return server.active().revision();
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> put(String json, String ifMatch) {
        HttpRequest.Builder b = request("/api/proxy-config").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return send(b.build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    HttpResponse<String> send(HttpRequest request) {
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
