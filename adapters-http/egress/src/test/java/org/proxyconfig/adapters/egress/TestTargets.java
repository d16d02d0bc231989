package org.proxyconfig.adapters.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The upstream side: an HTTP and an HTTPS server on this machine's non-loopback address (so routing
 * treats them as remote), one on loopback (always direct), and one on the address this machine's
 * host name resolves to. Each answers {@code target saw <path>} and records what it received.
 */
public final class TestTargets implements AutoCloseable {

    /** One request as the target saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, int bodyLength) {
        public String via() {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Via"))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse("");
        }
    }

    public final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    public final String ip;
    public final String hostName;
    private final HttpServer http;
    private final HttpsServer https;
    private final HttpServer loopback;
    private final HttpServer named;

    public TestTargets(TestPki pki) {
        try {
            InetAddress address = TestPki.nonLoopbackAddress();
            ip = address.getHostAddress();
            hostName = TestPki.hostName();
            http = HttpServer.create(new InetSocketAddress(address, 0), 16);
            https = HttpsServer.create(new InetSocketAddress(address, 0), 16);
            https.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
            loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            named = HttpServer.create(new InetSocketAddress(InetAddress.getByName(hostName), 0), 16);
            for (HttpServer server : List.of(http, https, loopback, named)) {
                server.createContext("/", this::handle);
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot start the test targets", e);
        }
    }

    public URI http(String path) {
        return URI.create("http://" + ip + ":" + http.getAddress().getPort() + path);
    }

    public URI https(String path) {
        return URI.create("https://" + ip + ":" + https.getAddress().getPort() + path);
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    public int httpsPort() {
        return https.getAddress().getPort();
    }

    public int loopbackPort() {
        return loopback.getAddress().getPort();
    }

    public URI named(String path) {
        return URI.create("http://" + hostName + ":" + named.getAddress().getPort() + path);
    }

    public int namedPort() {
        return named.getAddress().getPort();
    }

    /** How many requests asked for exactly {@code path}. */
    public long count(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).count();
    }

    public Seen last(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the target never saw " + path));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        seen.add(new Seen(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), requestBody.length));
        byte[] body = ("target saw " + exchange.getRequestMethod() + " " + path + " with " + requestBody.length
                + " body bytes").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        if (path.startsWith("/chunked")) {
            exchange.sendResponseHeaders(200, 0); // 0: the JDK server streams with chunked encoding
            for (int i = 0; i < 3; i++) exchange.getResponseBody().write(body);
        } else if (path.startsWith("/status/")) {
            exchange.sendResponseHeaders(Integer.parseInt(path.substring(8, 11)), body.length);
            exchange.getResponseBody().write(body);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        for (HttpServer server : List.of(http, https, loopback, named)) server.stop(0);
    }
}
