package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.http.tls.OpensslPki;

/**
 * Mutual TLS (PROXY_CONFIG_TLS_CLIENT_CA): no connection without a certificate from the client CA,
 * and a certificate whose subject is in PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS is the egress role
 * without any token. Real clients: the JDK's and curl.
 */
class MutualTlsEndToEndTest {

    private static final String EGRESS_SUBJECT = "CN=gateway-1,O=Example";
    private static final String PROXY_PASSWORD = "mtls-e2e-Proxy-Pass-0a7e";

    @TempDir
    static Path dir;

    private static OpensslPki pki;
    private static OpensslPki.Issued clientCa;
    private static OpensslPki.Issued gateway;
    private static OpensslPki.Issued operator;
    private static OpensslPki.Issued fromOtherCa;
    private static OpensslPki.Issued expired;
    private static OpensslPki.Issued serverCa;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        pki = new OpensslPki(dir);
        serverCa = pki.ca("server-ca");
        clientCa = pki.ca("client-ca");
        OpensslPki.Issued otherCa = pki.ca("other-client-ca");
        OpensslPki.Issued serverCert = pki.issue(serverCa, "api", "/CN=proxy-config.test", "ec", 2);
        gateway = pki.issue(clientCa, "gateway-1", "/O=Example/CN=gateway-1", "ec", 2);
        operator = pki.issue(clientCa, "operator", "/O=Example/CN=operator", "rsa:2048", 2);
        fromOtherCa = pki.issue(otherCa, "impostor", "/O=Example/CN=gateway-1", "ec", 2);
        expired = pki.issue(clientCa, "expired-gateway", "/O=Example/CN=gateway-1", "ec", -1);
        server = new RunningServer(dir.resolve("data"), Map.of(
                "PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN,
                "PROXY_CONFIG_TLS_CERT", serverCert.certificate().toString(),
                "PROXY_CONFIG_TLS_KEY", serverCert.key().toString(),
                "PROXY_CONFIG_TLS_CLIENT_CA", clientCa.certificate().toString(),
                "PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS", EGRESS_SUBJECT), "", System.out);
        Https.putProxyWithPassword(as(operator), request("/api/proxy-config"), PROXY_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static SSLContext as(OpensslPki.Issued client) {
        return pki.clientContext(serverCa, client);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    private static String url(String path) {
        return "https://127.0.0.1:" + server.server().port() + path;
    }

    private static void refusedAtTheHandshake(SSLContext tls) {
        // TLS 1.3 lets the client finish first; the server's refusal arrives as the first read fails.
        assertThatThrownBy(() -> {
            try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
                client.send(request("/health").build(), HttpResponse.BodyHandlers.ofString());
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aConfiguredClientSubjectReadsTheEffectiveConfigurationWithoutAToken() {
        HttpResponse<String> effective = Https.send(as(gateway), request("/api/proxy-config/effective"));

        assertThat(effective.statusCode()).isEqualTo(200);
        assertThat(effective.body()).contains("\"password\":\"" + PROXY_PASSWORD + "\"");
    }

    @Test
    void theEgressSubjectMayReadNothingElse() {
        assertThat(Https.send(as(gateway), request("/api/proxy-config")).statusCode()).isEqualTo(403);
        assertThat(Https.send(as(gateway), request("/api/proxy-config/history")).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherCertificateOfTheClientCaOpensTheConnectionButNotTheApi() {
        assertThat(Https.send(as(operator), request("/health")).statusCode()).isEqualTo(200);
        assertThat(Https.send(as(operator), request("/api/proxy-config/effective")).statusCode()).isEqualTo(401);
        assertThat(Https.send(as(operator), request("/api/proxy-config/effective")
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(Https.send(as(operator), request("/api/proxy-config")
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
    }

    @Test
    void noCertificateACertificateFromAnotherCaOrAnExpiredOneIsRefusedAtTheHandshake() {
        refusedAtTheHandshake(pki.clientContext(serverCa, null));
        refusedAtTheHandshake(as(fromOtherCa));
        refusedAtTheHandshake(as(expired));
    }

    @Test
    void curlWithTheGatewayCertificateReadsTheEffectiveConfigurationAndOthersAreRefused() {
        String effective = url("/api/proxy-config/effective");
        String ca = serverCa.certificate().toString();

        Curl.Result gatewayCurl = Curl.run("--cacert", ca, "--cert", gateway.certificate().toString(),
                "--key", gateway.key().toString(), effective);
        Curl.Result noCertificate = Curl.run("--cacert", ca, effective);
        Curl.Result otherCa = Curl.run("--cacert", ca, "--cert", fromOtherCa.certificate().toString(),
                "--key", fromOtherCa.key().toString(), effective);
        Curl.Result expiredCurl = Curl.run("--cacert", ca, "--cert", expired.certificate().toString(),
                "--key", expired.key().toString(), effective);

        assertThat(gatewayCurl.exit()).isZero();
        assertThat(gatewayCurl.status()).isEqualTo(200);
        // 56: failure receiving network data (the server's alert after the handshake); never an HTTP answer.
        assertThat(noCertificate.exit()).as(noCertificate.output()).isNotZero();
        assertThat(otherCa.exit()).as(otherCa.output()).isNotZero();
        assertThat(expiredCurl.exit()).as(expiredCurl.output()).isNotZero();
        assertThat(noCertificate.output() + otherCa.output() + expiredCurl.output()).doesNotContain("200");
    }
}
