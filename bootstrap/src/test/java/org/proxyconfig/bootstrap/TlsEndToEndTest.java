package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.http.tls.InvalidTlsFileException;
import org.proxyconfig.adapters.http.tls.OpensslPki;
import org.proxyconfig.adapters.egress.follower.ConfigFollower;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * The API over HTTPS (PROXY_CONFIG_TLS_CERT and _KEY), with real TLS clients: the JDK's and curl.
 * The certificates come from openssl, as an operator's would; one server serves every test but the
 * rotation and start-up ones.
 */
class TlsEndToEndTest {

    private static final String EGRESS_TOKEN = "tls-e2e-egress-token-3d9a";
    private static final String PROXY_PASSWORD = "tls-e2e-Proxy-Pass-71c2";
    private static final String ROUTE_PASSWORD = "tls-e2e-Route-Pass-5a0e";

    @TempDir
    static Path dir;

    private static OpensslPki pki;
    private static OpensslPki.Issued ca;
    private static OpensslPki.Issued otherCa;
    private static OpensslPki.Issued serverCert;
    private static CapturedLogs logs;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        pki = new OpensslPki(dir);
        ca = pki.ca("api-ca");
        otherCa = pki.ca("other-ca");
        serverCert = pki.issue(ca, "api", "/CN=proxy-config.test", "ec", 2);
        logs = new CapturedLogs();
        server = server(dir.resolve("data"), serverCert.certificate(), serverCert.key());
        Https.putProxyWithPassword(trusting(ca), request("/api/proxy-config"), PROXY_PASSWORD);
        HttpResponse<String> routes = Https.send(trusting(ca), request("/api/proxy-config/routes")
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"routes\":[{\"match\":\".models.internal\",\"via\":"
                        + "{\"url\":\"http://second.corp.example:8080\",\"username\":\"r\",\"password\":\"" + ROUTE_PASSWORD + "\"}}]}")));
        assertThat(routes.statusCode()).as(routes.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (logs != null) logs.close();
    }

    private static RunningServer server(Path data, Path certificate, Path key) {
        return new RunningServer(data, Map.of(
                "PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN, "PROXY_CONFIG_VIEWER_TOKEN", RunningServer.VIEWER_TOKEN,
                "PROXY_CONFIG_EGRESS_TOKEN", EGRESS_TOKEN,
                "PROXY_CONFIG_TLS_CERT", certificate.toString(), "PROXY_CONFIG_TLS_KEY", key.toString()),
                "", System.out);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.server().port() + path));
    }

    private static SSLContext trusting(OpensslPki.Issued authority) {
        return pki.clientContext(authority, null);
    }

    private static HttpResponse<String> effective(String header, String value) {
        HttpRequest.Builder request = request("/api/proxy-config/effective");
        if (header != null) request.header(header, value);
        return Https.send(trusting(ca), request);
    }

    @Test
    void theApiAnswersOverHttpsWithTheConfiguredCertificate() {
        HttpResponse<String> health = Https.send(trusting(ca), request("/health"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).get().satisfies(session ->
                assertThat(session.getPeerCertificates()[0]).isEqualTo(serverCert.x509()));
    }

    @Test
    void curlVerifiesTheCertificateAgainstTheCaAndRefusesItAgainstAnother() {
        String url = "https://127.0.0.1:" + server.server().port() + "/health";

        Curl.Result trusted = Curl.run("--cacert", ca.certificate().toString(), url);
        Curl.Result untrusted = Curl.run("--cacert", otherCa.certificate().toString(), url);

        assertThat(trusted.exit()).isZero();
        assertThat(trusted.status()).isEqualTo(200);
        assertThat(untrusted.exit()).as("curl: SSL peer certificate cannot be authenticated").isEqualTo(60);
    }

    @Test
    void aJdkClientTrustingAnotherCaRefusesTheHandshake() {
        assertThatThrownBy(() -> HttpClient.newBuilder().sslContext(trusting(otherCa)).build()
                .send(request("/health").build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() {
        Curl.Result plain = Curl.run("http://127.0.0.1:" + server.server().port() + "/health");

        assertThat(plain.exit()).isNotZero();
    }

    @Test
    void overTlsTheEffectiveConfigurationIsForTheEgressRoleOnly() {
        HttpResponse<String> bearer = effective("Authorization", "Bearer " + EGRESS_TOKEN);
        HttpResponse<String> apiKey = effective("x-api-key", EGRESS_TOKEN);

        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).contains("\"password\":\"" + PROXY_PASSWORD + "\"");
        assertThat(apiKey.statusCode()).isEqualTo(200);
        assertThat(effective("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).statusCode()).isEqualTo(403);
        assertThat(effective("Authorization", "Bearer " + RunningServer.VIEWER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(effective(null, null).statusCode()).isEqualTo(401);
        assertThat(effective("Authorization", "Bearer not-" + EGRESS_TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void theFollowerLibraryFollowsOverHttpsTrustingTheCa() throws Exception {
        try (ConfigFollower follower = ConfigFollower.builder(URI.create("https://127.0.0.1:" + server.server().port()), EGRESS_TOKEN)
                .trustPem(Files.readString(ca.certificate())).start()) {
            assertThat(follower.awaitFirst(Duration.ofSeconds(30))).isTrue();

            RouteDecision decision = follower.get().decide(Purpose.API, "api.example.com", 443);
            assertThat(decision.route()).isEqualTo(RouteDecision.Route.PROXY);
            assertThat(decision.proxy()).hasValueSatisfying(proxy -> assertThat(proxy.port()).isEqualTo(3128));
        }
    }

    @Test
    void thePasswordsAppearInNoOtherResponseAndInNoLogLine() {
        HttpResponse<String> get = Https.send(trusting(ca), request("/api/proxy-config")
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN));
        HttpResponse<String> routes = Https.send(trusting(ca), request("/api/proxy-config/routes")
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN));
        HttpResponse<String> history = Https.send(trusting(ca), request("/api/proxy-config/history")
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN));
        HttpResponse<String> effective = effective("Authorization", "Bearer " + EGRESS_TOKEN);
        assertThat(effective.statusCode()).isEqualTo(200);
        assertThat(effective.body()).as("the one place both are handed over")
                .contains("\"password\":\"" + PROXY_PASSWORD + "\"", "\"password\":\"" + ROUTE_PASSWORD + "\"");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(get.body() + routes.body() + history.body()).doesNotContain(PROXY_PASSWORD).doesNotContain(ROUTE_PASSWORD);
        assertThat(logs.text()).contains("audit: effective-read").doesNotContain(PROXY_PASSWORD).doesNotContain(ROUTE_PASSWORD)
                .doesNotContain(EGRESS_TOKEN);
    }

    /** The certificate a fresh handshake is shown. */
    private static X509Certificate presented(RunningServer running, OpensslPki.Issued authority) {
        try (SSLSocket socket = (SSLSocket) pki.clientContext(authority, null).getSocketFactory()
                .createSocket("127.0.0.1", running.server().port())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new AssertionError("handshake failed: " + e, e);
        }
    }

    @Test
    void aRotatedCertificateServesNewConnectionsWithoutARestartAndABrokenOneIsIgnored() throws IOException {
        Path live = Files.createDirectory(dir.resolve("rotation"));
        Path cert = live.resolve("tls.crt");
        Path key = live.resolve("tls.key");
        OpensslPki.Issued first = pki.issue(ca, "first", "/CN=first.test", "ec", 2);
        OpensslPki.Issued second = pki.issue(ca, "second", "/CN=second.test", "rsa:2048", 2);
        OpensslPki.Issued third = pki.issue(ca, "third", "/CN=third.test", "ec", 2);
        Files.copy(first.certificate(), cert);
        Files.copy(first.key(), key);
        try (RunningServer rotating = server(dir.resolve("rotation-data"), cert, key)) {
            assertThat(presented(rotating, ca)).isEqualTo(first.x509());

            // What cert-manager or an operator's script does: write the new pair in place.
            Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
            Eventually.until("the rotated certificate is presented", Duration.ofSeconds(20),
                    () -> presented(rotating, ca).equals(second.x509()));

            // A half-done rotation (the certificate of another key) is not used.
            Files.copy(third.certificate(), cert, StandardCopyOption.REPLACE_EXISTING);
            Eventually.until("the broken rotation is reported", Duration.ofSeconds(20), () -> {
                presented(rotating, ca); // a handshake is what looks at the files
                return logs.text().contains("cannot be used, so the previous one stays in use");
            });
            assertThat(presented(rotating, ca)).isEqualTo(second.x509());
            assertThat(logs.text()).contains("PROXY_CONFIG_TLS_KEY (" + key + "): the key does not belong");
        }
        assertThat(logs.text()).doesNotContain(pemBody(first.key())).doesNotContain(pemBody(second.key()));
    }

    @Test
    void aFileThatCannotBeUsedStopsTheStartWithOneLineThatQuotesNoKey() throws IOException {
        OpensslPki.Issued expired = pki.issue(ca, "expired", "/CN=expired.test", "ec", -1);
        OpensslPki.Issued other = pki.issue(ca, "other", "/CN=other.test", "ec", 2);
        Map<String, Path[]> cases = new HashMap<>(Map.of(
                "the certificate expired on", new Path[] {expired.certificate(), expired.key()},
                "the key does not belong to the certificate", new Path[] {serverCert.certificate(), other.key()},
                "has no CERTIFICATE block, only: PRIVATE KEY", new Path[] {other.key(), other.key()},
                "cannot be read (NoSuchFileException)", new Path[] {dir.resolve("absent.pem"), other.key()}));
        for (var entry : cases.entrySet()) {
            Path[] files = entry.getValue();
            Map<String, String> env = Map.of("PROXY_CONFIG_HOST", "127.0.0.1", "PROXY_CONFIG_PORT", "0",
                    "PROXY_CONFIG_DATA_DIR", dir.resolve("refused-data").toString(),
                    "PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN,
                    "PROXY_CONFIG_TLS_CERT", files[0].toString(), "PROXY_CONFIG_TLS_KEY", files[1].toString());
            Settings settings = Settings.load(env);

            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                    () -> ProxyConfigServer.start(settings, Clock.systemUTC()).close());
            String report = StartupFailure.describe(failure, settings.secrets());

            assertThat(failure).isInstanceOf(InvalidTlsFileException.class);
            assertThat(report.lines().toList()).as(entry.getKey()).hasSize(1);
            assertThat(report).contains(entry.getKey()).startsWith("proxy-config failed to start: ")
                    .doesNotContain(pemBody(other.key())).doesNotContain(pemBody(expired.key()));
        }
    }

    @Test
    void theStartLineSaysHttpsWithTheSubjectAndExpiry() {
        assertThat(logs.text()).contains("listening on https://127.0.0.1:" + server.server().port()
                + " (TLS as CN=proxy-config.test until " + serverCert.x509().getNotAfter().toInstant());
    }

    /** A slice of a PEM file's base64 body: what would show if key material leaked into text. */
    private static String pemBody(Path pem) throws IOException {
        List<String> lines = Files.readAllLines(pem);
        return lines.get(1).substring(8, 40);
    }
}
