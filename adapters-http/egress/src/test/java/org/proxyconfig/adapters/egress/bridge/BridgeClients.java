package org.proxyconfig.adapters.egress.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.Secret;

/** The clients under test wired to the bridges as a gateway developer would, and one request each way. */
final class BridgeClients {

    /** A status and body, whichever client answered. */
    record Answer(int status, String body) { }

    final AtomicReference<ProxyRouter> routing = new AtomicReference<>();
    /** The system roots plus the test certificate, so the HTTPS targets are trusted. */
    final X509TrustManager trust;
    final SSLContext tls;

    BridgeClients(TestPki pki) {
        try {
            trust = pki.systemPlusTestCertificate();
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Routes purpose inference (only) through {@code url}, with the real proxies' credentials when {@code auth}. */
    void use(ProxyType type, String url, boolean auth) {
        use(config(type, url, auth));
    }

    void use(ProxyConfig.Builder config) {
        routing.set(ProxyRouter.compile(config.build()));
    }

    static ProxyConfig.Builder config(ProxyType type, String url, boolean auth) {
        return ProxyConfig.builder().enabled(true).type(type).url(url)
                .username(auth ? RealProxies.USER : "").password(Secret.of(auth ? RealProxies.PASSWORD : ""))
                .enableForInference(true).timeoutSeconds(5);
    }

    HttpClient jdkClient() {
        return HttpClient.newBuilder()
                .proxy(ProxyBridges.forJdkHttpClient(routing::get, Purpose.INFERENCE))
                .authenticator(ProxyBridges.authenticator(routing::get))
                .sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static Answer send(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The JVM-wide hooks HttpURLConnection reads (it takes no selector of its own); returns what they were. */
    Runnable installUrlConnectionDefaults() {
        ProxySelector previousSelector = ProxySelector.getDefault();
        Authenticator previousAuthenticator = Authenticator.getDefault();
        ProxySelector.setDefault(ProxyBridges.forUrlConnection(routing::get, Purpose.INFERENCE));
        // The default authenticator also serves the JDK's SOCKS client, for every kind of client.
        Authenticator.setDefault(ProxyBridges.authenticator(routing::get));
        return () -> {
            ProxySelector.setDefault(previousSelector);
            Authenticator.setDefault(previousAuthenticator);
        };
    }

    Answer urlConnection(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) https.setSSLSocketFactory(tls.getSocketFactory());
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        try {
            // connect() lets a refusal of the selector out as it is; getResponseCode() alone would wrap
            // it in a RuntimeException (its cause, then, is the UnsupportedProxyException).
            connection.connect();
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            return new Answer(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }
}
