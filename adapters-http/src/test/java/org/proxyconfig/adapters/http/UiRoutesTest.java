package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.FailedAuthBrake;
import org.proxyconfig.adapters.http.security.Role;

/**
 * The settings page's files over a real socket: media types, caching and security headers, the
 * allow-list (nothing else of the classpath is reachable), and a page that needs no inline code,
 * so its strict Content-Security-Policy holds.
 */
class UiRoutesTest {

    private static WebServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        AuthenticationFilter authentication = new AuthenticationFilter(
                ApiCredentials.builder().token("ui-test-admin-token", "admin-token", Role.ADMIN).build(),
                new FailedAuthBrake(Clock.systemUTC()));
        // The wiring HttpApi uses: the page at /ui and at /, behind the same filter as the API.
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    routing.addFilter(authentication)
                            .register(UiRoutes.PATH, new UiRoutes())
                            .get("/", UiRoutes::root)
                            .any((req, res) -> {
                                throw HttpProblem.notFound(req.path().absolute().path());
                            });
                    ErrorResponses.register(routing);
                })
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/ui/", "/ui/index.html"})
    void servesThePageWithoutCredentialsAtTheRootAndUnderUi(String path) {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("<title>").contains("/ui/app.js");
    }

    @Test
    void servesEveryAllowedFileWithItsMediaType() {
        UiRoutes.FILES.forEach((name, mediaType) -> {
            HttpResponse<String> response = get("/ui/" + name);
            assertThat(response.statusCode()).as(name).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(name).hasValue(mediaType);
            assertThat(response.body()).as(name).isNotBlank();
        });
    }

    @Test
    void everyFileCarriesTheCachingAndSecurityHeaders() {
        for (String path : List.of("/", "/ui/", "/ui/app.js", "/ui/app.css", "/ui/favicon.svg")) {
            var headers = get(path).headers();
            assertThat(headers.firstValue("Cache-Control")).as(path).hasValue("no-cache");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                            "frame-ancestors 'none'", "object-src 'none'", "form-action 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/nope.js", "/ui/UiRoutes.class", "/ui/web/index.html", "/ui/META-INF/MANIFEST.MF",
            "/ui/index.html/", "/ui/app.js/x", "/favicon.ico"})
    void refusesAnyFileOutsideTheAllowList(String path) {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"is_bifrost_error\":false").contains("\"status_code\":404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/../pom.xml", "/ui/%2e%2e/%2e%2e/pom.xml", "/ui/..%2f..%2fpom.xml",
            "/ui/%2e%2e%2fUiRoutes.class", "/ui/..%5cUiRoutes.class", "/ui/.%2fapp.js", "/ui//etc/passwd",
            "/ui/%252e%252e%252fpom.xml", "/ui/app.js%00.html", "/ui/../web/index.html"})
    void refusesDirectoryTraversal(String path) {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        String statusLine = response.lines().findFirst().orElse("");
        assertThat(statusLine).as(path).matches("HTTP/1\\.1 (400|404) .*");
        assertThat(response).doesNotContain("<project").doesNotContain("root:").doesNotContain("package org.proxyconfig");
    }

    @Test
    void answersOtherMethodsWith405() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ui/app.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void answersHeadWithTheHeadersAndNoBody() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ui/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void thePageHoldsNoInlineScriptOrStyleSoTheStrictPolicyHolds() {
        String html = get("/ui/").body();

        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("<style")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
        for (String name : UiRoutes.FILES.keySet()) {
            if (name.endsWith(".js")) {
                assertThat(get("/ui/" + name).body()).as(name)
                        .doesNotContain("eval(").doesNotContain("new Function").doesNotContain("innerHTML");
            }
        }
    }

    @Test
    void everyFileThePageLoadsIsInTheAllowList() {
        List<String> referenced = new ArrayList<>();
        Matcher links = Pattern.compile("(?:src|href)=\"/ui/([^\"]+)\"").matcher(get("/ui/").body());
        while (links.find()) referenced.add(links.group(1));
        for (String name : UiRoutes.FILES.keySet()) {
            if (!name.endsWith(".js")) continue;
            Matcher imports = Pattern.compile("from '\\./([^']+)'").matcher(get("/ui/" + name).body());
            while (imports.find()) referenced.add(imports.group(1));
        }

        assertThat(referenced).contains("app.js", "app.css", "favicon.svg", "api.js", "form.js");
        assertThat(UiRoutes.FILES.keySet()).containsAll(referenced);
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A request written as is, so the client cannot normalize the path first. */
    private static String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            // The head, then as many body bytes as it declares: the server may keep the connection open.
            while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) break;
                received.write(b);
            }
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(received.toString(StandardCharsets.ISO_8859_1));
            if (length.find()) received.write(in.readNBytes(Integer.parseInt(length.group(1))));
            return received.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }
}
