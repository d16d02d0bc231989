package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webclient.http1.Http1Client;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.testing.junit5.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The few cases that need a real socket, on the same routing as the in-memory tests: requests
 * written as raw bytes ({@link RawHttp}), because no client sends them so: a body streamed in
 * chunks past the limit, a PUT without a Content-Type, paths a client would normalize, and a HEAD
 * answer followed by another response on the same connection.
 */
@ServerTest
class ApiSocketTest extends ApiRouteTest {

    private static final String PATH = ProxyConfigRoutesTest.PATH;

    private final int port;

    ApiSocketTest(Http1Client client, WebServer server) {
        super(client);
        this.port = server.port();
    }

    @Test
    void aBodyStreamedInChunksOverTheLimitIs413() {
        String big = "{\"no_proxy\":\"" + "a".repeat(JsonBodies.MAX_BODY_BYTES) + "\"}";
        String raw = RawHttp.exchange(port, "PUT " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Authorization: " + TestApi.ADMIN_BEARER + "\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 413");
        assertThat(raw).contains("\"status_code\":413");
    }

    @Test
    void aPutWithoutContentTypeIs415() {
        String raw = RawHttp.exchange(port, "PUT " + PATH + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestApi.ADMIN_BEARER
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(raw).startsWith("HTTP/1.1 415");
    }

    @Test
    void aHeadAnswerEndsWithItsHeadSoTheNextResponseOnTheConnectionIsWhole() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("HEAD /ui/ HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();

            String head = RawHttp.readHead(in);
            String next = RawHttp.readHead(in);

            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/html; charset=utf-8")
                    .containsIgnoringCase("content-security-policy: ")
                    .as("the length a GET would have").containsPattern("(?i)content-length: [1-9]");
            assertThat(next).as("what follows the HEAD answer").startsWith("HTTP/1.1 200");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/../pom.xml", "/ui/%2e%2e/%2e%2e/pom.xml", "/ui/..%2f..%2fpom.xml",
            "/ui/%2e%2e%2fUiRoutes.class", "/ui/..%5cUiRoutes.class", "/ui/.%2fapp.js", "/ui//etc/passwd",
            "/ui/%252e%252e%252fpom.xml", "/ui/app.js%00.html", "/ui/../web/index.html"})
    void thePageRefusesDirectoryTraversal(String path) {
        String response = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        String statusLine = response.lines().findFirst().orElse("");
        assertThat(statusLine).as(path).matches("HTTP/1\\.1 (400|404) .*");
        assertThat(response).doesNotContain("<project").doesNotContain("root:").doesNotContain("package org.proxyconfig");
    }
}
