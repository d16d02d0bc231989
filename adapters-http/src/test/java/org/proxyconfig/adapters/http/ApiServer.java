package org.proxyconfig.adapters.http;

import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.FailedAuthBrake;
import org.proxyconfig.adapters.http.security.Role;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.service.DryRunService;
import org.proxyconfig.application.service.GetProxyConfigService;
import org.proxyconfig.application.service.LiveHealthCheck;
import org.proxyconfig.application.service.ProxyConfigHistoryService;
import org.proxyconfig.application.service.RestoreRevisionService;
import org.proxyconfig.application.service.RevisionListener;
import org.proxyconfig.application.service.UpdateProxyConfigService;

/**
 * The HTTP API on a real loopback socket, over the real services and the in-memory store, with
 * a plain JDK client to talk to it. Tests may swap the use cases to provoke failures.
 */
final class ApiServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin-token-for-tests-3f9a";
    static final String VIEWER_TOKEN = "viewer-token-for-tests-71c2";
    static final String ADMIN_USER = "ops";
    static final String ADMIN_PASSWORD = "ops-password-for-tests-8d1e";
    static final String VIEWER_USER = "auditor";
    static final String VIEWER_PASSWORD = "auditor-password-for-tests-5b0c";
    static final String ADMIN_BEARER = "Bearer " + ADMIN_TOKEN;

    final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    final MutableClock clock = new MutableClock();
    private final WebServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ApiServer() {
        this(null);
    }

    /** The API with every use case real but {@code get}, when given, to provoke failures. */
    ApiServer(GetProxyConfigUseCase get) {
        GetProxyConfigUseCase g = get != null ? get : new GetProxyConfigService(store);
        UpdateProxyConfigUseCase u = new UpdateProxyConfigService(store, Clock.systemUTC());
        HttpApi.UseCases useCases = new HttpApi.UseCases(g, u, new ProxyConfigHistoryService(store),
                new RestoreRevisionService(store, Clock.systemUTC(), RevisionListener.NONE),
                new DryRunService(store, (router, purpose, target) -> {
                    throw new AssertionError("no probe in these tests");
                }), new LiveHealthCheck(g));
        ApiCredentials credentials = ApiCredentials.builder()
                .token(ADMIN_TOKEN, "admin-token", Role.ADMIN)
                .token(VIEWER_TOKEN, "viewer-token", Role.VIEWER)
                .user(ADMIN_USER, ADMIN_PASSWORD, Role.ADMIN)
                .user(VIEWER_USER, VIEWER_PASSWORD, Role.VIEWER)
                .build();
        AuthenticationFilter authentication = new AuthenticationFilter(credentials, new FailedAuthBrake(clock));
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> HttpApi.routing(routing, useCases, authentication, "openapi: 3.1.0\n"))
                .build()
                .start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A GET as the admin. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN_BEARER).GET().build());
    }

    /** A PUT of JSON as the admin. */
    HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", ADMIN_BEARER)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A request builder for {@code path} with no credentials yet. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /**
     * Writes a raw request on a new connection and returns the raw response: its head and, when
     * it declares a length, that many body bytes (the server may keep the connection open).
     */
    String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            int headEnd = -1;
            while (headEnd < 0) {
                int b = in.read();
                if (b < 0) break;
                received.write(b);
                headEnd = received.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            String head = received.toString(StandardCharsets.ISO_8859_1);
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            if (length.find()) {
                received.write(in.readNBytes(Integer.parseInt(length.group(1))));
            }
            return received.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Override
    public void close() {
        server.stop();
    }
}
