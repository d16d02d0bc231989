package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;

/** One request with its own JDK client, so that each request makes its own TLS handshake. */
final class Https {

    private Https() {
    }

    static HttpResponse<String> send(SSLContext tls, HttpRequest.Builder request) {
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /**
     * PUTs, as the admin, a configuration that sends API calls through an HTTP proxy with
     * credentials, {@code password} the proxy's, to {@code configuration} (the server's
     * {@code /api/proxy-config}); the server must store it.
     */
    static void putProxyWithPassword(SSLContext tls, HttpRequest.Builder configuration, String password) {
        HttpResponse<String> put = send(tls, configuration.header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://proxy.corp.example:3128\","
                        + "\"username\":\"gw\",\"password\":\"" + password + "\",\"enable_for_api\":true}")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }
}
