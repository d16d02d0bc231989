package org.proxyconfig.bootstrap;

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
}
