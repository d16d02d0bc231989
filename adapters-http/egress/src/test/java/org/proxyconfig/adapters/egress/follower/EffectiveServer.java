package org.proxyconfig.adapters.egress.follower;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.proxyconfig.adapters.wire.EffectiveConfigJson;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;

/**
 * A stand-in for the proxy-config server's {@code GET /api/proxy-config/effective}, by its
 * contract: the bearer token, 200 with {@code ETag: "<revision>"}, {@code If-None-Match} and
 * {@code ?wait=} held until a newer revision is published (then 200 at once) or the wait ends
 * (304). A test can also make it answer something else ({@link #answerEveryRequest}), stop it and
 * start it again on the same port.
 */
final class EffectiveServer implements AutoCloseable {

    /** What every request gets instead of the contract's answer, until cleared. */
    record Canned(int status, String etag, String body) {
    }

    private final String token;
    private final SSLContext tls;
    private final Object lock = new Object();
    private final List<String> ifNoneMatchSeen = new ArrayList<>();
    private HttpServer server;
    private ExecutorService executor;
    private int port;
    private long revision;
    private String body;
    private Canned canned;
    private boolean stopping;
    private int requests;

    private EffectiveServer(String token, SSLContext tls, long revision, ProxyConfig config) {
        this.token = token;
        this.tls = tls;
        this.revision = revision;
        this.body = EffectiveConfigJson.write(config, ProxyRoutes.NONE);
    }

    static EffectiveServer http(String token, long revision, ProxyConfig config) {
        EffectiveServer s = new EffectiveServer(token, null, revision, config);
        s.startOn(0);
        return s;
    }

    static EffectiveServer https(String token, SSLContext tls, long revision, ProxyConfig config) {
        EffectiveServer s = new EffectiveServer(token, tls, revision, config);
        s.startOn(0);
        return s;
    }

    URI base() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    /** A new revision in force, without routes: held requests are answered with it at once. */
    void publish(long newRevision, ProxyConfig config) {
        publish(newRevision, config, ProxyRoutes.NONE);
    }

    /** A new revision in force with its routes: held requests are answered with it at once. */
    void publish(long newRevision, ProxyConfig config, ProxyRoutes routes) {
        synchronized (lock) {
            revision = newRevision;
            body = EffectiveConfigJson.write(config, routes);
            lock.notifyAll();
        }
    }

    /** From now on every request (held ones too) gets {@code canned}; {@code null} goes back to the contract. */
    void answerEveryRequest(Canned answer) {
        synchronized (lock) {
            canned = answer;
            lock.notifyAll();
        }
    }

    int requests() {
        synchronized (lock) {
            return requests;
        }
    }

    List<String> ifNoneMatchSeen() {
        synchronized (lock) {
            return List.copyOf(ifNoneMatchSeen);
        }
    }

    /** Closes the listening socket and every connection: the follower sees the server gone. */
    void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Listens again on the same port. */
    void restart() {
        synchronized (lock) {
            stopping = false;
        }
        startOn(port);
    }

    @Override
    public void close() {
        stop();
    }

    private void startOn(int wanted) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted);
            if (tls == null) {
                server = HttpServer.create(address, 16);
            } else {
                HttpsServer https = HttpsServer.create(address, 16);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new AssertionError("cannot listen on port " + wanted, e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/proxy-config/effective", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + token).equals(auth)) {
                send(exchange, 401, null, "{\"error\":{\"message\":\"the token is not valid\"}}");
                return;
            }
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            long waitSeconds = waitOf(exchange.getRequestURI());
            Canned answer;
            long answerRevision;
            String answerBody;
            synchronized (lock) {
                requests++;
                if (ifNoneMatch != null) ifNoneMatchSeen.add(ifNoneMatch);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
                // Held while the revision asked about is still in force, as the real server does.
                while (canned == null && !stopping && ("\"" + revision + "\"").equals(ifNoneMatch)
                        && deadline - System.nanoTime() > 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left > 0) lock.wait(left);
                }
                if (stopping) return;
                answer = canned;
                answerRevision = revision;
                answerBody = body;
            }
            if (answer != null) {
                send(exchange, answer.status(), answer.etag(), answer.body());
            } else if (("\"" + answerRevision + "\"").equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                send(exchange, 200, "\"" + answerRevision + "\"", answerBody);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long waitOf(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) return 0;
        for (String pair : query.split("&")) {
            if (pair.startsWith("wait=")) return Long.parseLong(pair.substring(5));
        }
        return 0;
    }

    private static void send(HttpExchange exchange, int status, String etag, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (etag != null) exchange.getResponseHeaders().set("ETag", etag);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
