package org.proxyconfig.bootstrap.multiinstance;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.proxyconfig.bootstrap.ProxyConfigServer;
import org.proxyconfig.bootstrap.RunningServer;

/**
 * One instance of the production wiring (a {@link RunningServer}) on a shared database, with a
 * JDK client that authenticates as the admin. Several of these on one PostgreSQL are "several
 * instances behind a load balancer", in one JVM.
 */
final class Instance implements AutoCloseable {

    static final String ADMIN_TOKEN = "multi-instance-admin-token-5d2c";
    /** Every instance of a deployment shares the key that seals the proxy password. */
    static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final RunningServer server;

    Instance(String jdbcUrl, String user, String password, Path dataDir) {
        server = new RunningServer(dataDir, Map.of(
                "PROXY_CONFIG_DB_URL", jdbcUrl,
                "PROXY_CONFIG_DB_USER", user,
                "PROXY_CONFIG_DB_PASSWORD", password,
                "PROXY_CONFIG_ENCRYPTION_KEY", ENCRYPTION_KEY,
                "PROXY_CONFIG_ADMIN_TOKEN", ADMIN_TOKEN),
                "Bearer " + ADMIN_TOKEN, new PrintStream(PrintStream.nullOutputStream()));
    }

    ProxyConfigServer server() {
        return server.server();
    }

    /** The revision this instance routes outbound traffic with. */
    long revisionInForce() {
        return server.server().active().revision();
    }

    HttpResponse<String> get(String path) {
        return server.get(path);
    }

    HttpResponse<String> put(String json, String ifMatch) {
        HttpRequest.Builder b = server.request("/api/proxy-config").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return server.send(b.build());
    }

    @Override
    public void close() {
        server.close();
    }
}
