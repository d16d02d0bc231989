package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.Secret;

/**
 * Outbound traffic against real proxies (tinyproxy, microsocks, stunnel) and real targets: every
 * type, with and without credentials, HTTP and HTTPS targets, no_proxy hits and misses, purposes on
 * and off; live changes of the router in force; failures that never fall back to direct.
 * Passage is proven from the proxy's side (its log), since on one machine the target cannot tell.
 */
class RealProxiesIntegrationTest {

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    /** The router in force, as the application's ActiveProxyConfig would hold it. */
    private static final AtomicReference<ProxyRouter> active = new AtomicReference<>(ProxyRouter.compile(ProxyConfig.DEFAULTS));
    /** Created once, like the gateway's: direct TLS trusts the test certificate too, so direct HTTPS works. */
    private static OutboundClients clients;
    /** Created once with the system roots only: what production uses. */
    private static OutboundClients systemTrustClients;

    @BeforeAll
    static void start() throws IOException {
        EgressOptions options = EgressOptions.defaults().withReadTimeout(Duration.ofSeconds(10)).withMaxBufferedBytes(1024 * 1024);
        clients = new OutboundClients(active::get, options.withSystemTrust(real.pki().systemPlusTestCertificate()));
        systemTrustClients = new OutboundClients(active::get, options);
    }

    @AfterAll
    static void stop() {
        if (clients != null) clients.close();
        if (systemTrustClients != null) systemTrustClients.close();
    }

    // ---- the matrix ---------------------------------------------------------------------------

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String type : List.of("http", "socks5", "socks5h", "tcp")) {
            for (boolean auth : List.of(true, false)) {
                for (boolean tlsTarget : List.of(false, true)) {
                    for (boolean noProxyHit : List.of(false, true)) {
                        for (boolean purposeOn : List.of(true, false)) {
                            cases.add(Arguments.of(type, auth, tlsTarget, noProxyHit, purposeOn));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "type {0}, auth {1}, https target {2}, no_proxy hit {3}, purpose on {4}")
    @MethodSource("matrix")
    void trafficFollowsTheConfigurationForEveryTypeAndRule(String type, boolean auth, boolean tlsTarget,
                                                          boolean noProxyHit, boolean purposeOn) throws IOException {
        save(config(type, auth)
                .noProxy(noProxyHit ? ".corp.example," + real.targets().ip : "10.0.0.0/8,.corp.example")
                .enableForScim(false).enableForInference(purposeOn).enableForApi(!purposeOn));
        String path = "/m/" + UUID.randomUUID();
        URI uri = tlsTarget ? real.targets().https(path) : real.targets().http(path);
        int[] marks = real.proxies().markAll();
        RealProxies.ProxyProcess proxy = proxyFor(type, auth);
        int mark = proxy.mark();

        OutboundResponse response = clients.inference().get(uri);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("target saw GET " + path + " with 0 body bytes");
        assertThat(real.targets().count(path)).isEqualTo(1);
        boolean proxied = purposeOn && !noProxyHit;
        if (!proxied) {
            assertThat(response.route().route()).isEqualTo(RouteDecision.Route.DIRECT);
            assertThat(response.route().decidedBy()).isEqualTo(purposeOn
                    ? RouteDecision.DecidedBy.NO_PROXY_ENTRY : RouteDecision.DecidedBy.PURPOSE_DISABLED);
            assertThat(real.proxies().sinceAll(marks)).as("no proxy saw a direct request").isEmpty();
            return;
        }
        assertThat(response.route().route()).isEqualTo(RouteDecision.Route.PROXY);
        String logged = proxy.since(mark);
        int port = tlsTarget ? real.targets().httpsPort() : real.targets().httpPort();
        switch (type) {
            case "http" -> {
                if (tlsTarget) {
                    assertThat(logged).contains("CONNECT " + real.targets().ip + ":" + port + " HTTP/1.1");
                } else {
                    assertThat(logged).contains("GET http://" + real.targets().ip + ":" + port + path + " HTTP/1.1");
                    assertThat(real.targets().last(path).via()).contains("tinyproxy");
                }
            }
            case "tcp" -> assertThat(logged).as("tcp tunnels even plain HTTP")
                    .contains("CONNECT " + real.targets().ip + ":" + port + " HTTP/1.1");
            default -> assertThat(logged).contains("connected to " + real.targets().ip + ":" + port);
        }
    }

    // ---- failures never go direct -------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http-https-target", "tcp-http-target", "tcp-https-target", "socks5", "socks5h"})
    void aWrongPasswordIsAnErrorAndNeverGoesDirect(String variant) {
        String type = variant.split("-")[0];
        save(config(type, true).password(Secret.of("wrong-password")).enableForScim(true).enableForInference(true).enableForApi(true));
        String path = "/wrong/" + UUID.randomUUID();
        URI uri = variant.endsWith("https-target") ? real.targets().https(path) : real.targets().http(path);

        EgressException e = catchThrowableOfType(EgressException.class, () -> clients.api().get(uri));

        assertThat(e).isNotNull();
        assertThat(e.viaProxy()).isTrue();
        assertThat(e.kind()).isEqualTo(type.startsWith("socks5")
                ? EgressFailure.SOCKS_AUTH_REJECTED : EgressFailure.PROXY_AUTH_REQUIRED);
        assertThat(e.getMessage()).doesNotContain("wrong-password").doesNotContain(RealProxies.PASSWORD)
                .doesNotContain("Basic ");
        assertThat(real.targets().count(path)).as("the target was never reached, not even direct").isZero();
    }

    @Test
    void missingCredentialsForAPlainRequestAreAProxyAuthErrorNeverDirect() {
        save(config("http", true).username("").password(Secret.NONE).enableForScim(true).enableForInference(true).enableForApi(true));
        String path = "/noauth/" + UUID.randomUUID();

        EgressException e = catchThrowableOfType(EgressException.class, () -> clients.api().get(real.targets().http(path)));

        assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_AUTH_REQUIRED);
        assertThat(e.getMessage()).contains("407");
        assertThat(real.targets().count(path)).isZero();
    }

    @Test
    void aWrongPasswordOnAPlainRequestGetsTheProxysOwnAnswerNeverTheTarget() throws IOException {
        // tinyproxy answers wrong credentials on an absolute-form request with 401 (not 407); a 401
        // is also what an upstream API says to a bad API key, so the client cannot call it a proxy error.
        save(config("http", true).password(Secret.of("wrong-password")).enableForScim(true).enableForInference(true).enableForApi(true));
        String path = "/wrong-plain/" + UUID.randomUUID();

        OutboundResponse response = clients.api().get(real.targets().http(path));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("server")).hasValueSatisfying(s -> assertThat(s).contains("tinyproxy"));
        assertThat(real.targets().count(path)).isZero();
    }

    @Test
    void anUnreachableProxyIsAConnectErrorNeverDirect() throws IOException {
        int closedPort = RealProxies.freePort();
        save(draft().type(ProxyType.HTTP).url("http://127.0.0.1:" + closedPort).enableForScim(true).enableForInference(true).enableForApi(true));
        String path = "/closed/" + UUID.randomUUID();

        EgressException e = catchThrowableOfType(EgressException.class, () -> clients.scim().get(real.targets().http(path)));

        assertThat(e.kind()).isEqualTo(EgressFailure.CONNECT_FAILED);
        assertThat(e.viaProxy()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort);
        assertThat(real.targets().count(path)).isZero();
    }

    @Test
    void theTimeoutBoundsAProxyThatNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            save(draft().type(ProxyType.SOCKS5).url("socks5://127.0.0.1:" + silent.getLocalPort()).timeoutSeconds(1)
                    .enableForScim(true).enableForInference(true).enableForApi(true));

            EgressException e = catchThrowableOfType(EgressException.class,
                    () -> clients.scim().get(real.targets().http("/silent")));

            assertThat(e.kind()).isEqualTo(EgressFailure.TIMEOUT);
            assertThat(e.viaProxy()).isTrue();
            assertThat(real.targets().count("/silent")).isZero();
        }
    }

    // ---- live changes -------------------------------------------------------------------------

    @Test
    void aChangeIsObeyedByTheVeryNextRequestOfTheSameClient() throws IOException {
        OutboundHttpClient client = clients.inference(); // one client for the whole test, as in the gateway
        save(config("http", true).enableForScim(false).enableForInference(true).enableForApi(false));
        int tinyMark = real.proxies().tinyproxyAuth.mark();
        String first = "/live/1-" + UUID.randomUUID();
        client.get(real.targets().http(first));
        assertThat(real.proxies().tinyproxyAuth.since(tinyMark)).contains(first);

        save(config("socks5", true).enableForScim(false).enableForInference(true).enableForApi(false));
        int socksMark = real.proxies().microsocksAuth.mark();
        tinyMark = real.proxies().tinyproxyAuth.mark();
        client.get(real.targets().http("/live/2"));
        assertThat(real.proxies().microsocksAuth.since(socksMark)).contains("connected to " + real.targets().ip + ":" + real.targets().httpPort());
        assertThat(real.proxies().tinyproxyAuth.since(tinyMark)).isEmpty();

        save(config("socks5", true).enabled(false).enableForScim(false).enableForInference(true).enableForApi(false));
        int[] marks = real.proxies().markAll();
        OutboundResponse third = client.get(real.targets().http("/live/3"));
        assertThat(third.route().decidedBy()).isEqualTo(RouteDecision.DecidedBy.PROXY_DISABLED);
        assertThat(real.proxies().sinceAll(marks)).isEmpty();
        assertThat(real.targets().count("/live/3")).isEqualTo(1);
    }

    @Test
    void alwaysDirectHostsAreNeverProxiedWhateverTheRulesSay() throws IOException {
        save(config("http", false).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        int[] marks = real.proxies().markAll();

        OutboundResponse byIp = clients.api().get(URI.create("http://127.0.0.1:" + real.targets().loopbackPort() + "/loop/ip"));
        OutboundResponse byName = clients.api().get(URI.create("http://localhost:" + real.targets().loopbackPort() + "/loop/name"));

        assertThat(byIp.status()).isEqualTo(200);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byIp.route().decidedBy()).isEqualTo(RouteDecision.DecidedBy.ALWAYS_DIRECT_HOST);
        assertThat(byName.route().decidedBy()).isEqualTo(RouteDecision.DecidedBy.ALWAYS_DIRECT_HOST);
        assertThat(real.proxies().sinceAll(marks)).isEmpty();
    }

    // ---- TLS scoping --------------------------------------------------------------------------

    @Test
    void skipTlsVerifyAppliesOnlyToProxiedTraffic() throws IOException {
        save(config("http", true).caCertPem("").skipTlsVerify(true).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        String proxied = "/skip/proxied-" + UUID.randomUUID();
        assertThat(systemTrustClients.api().get(real.targets().https(proxied)).status()).isEqualTo(200);

        save(config("http", true).caCertPem("").skipTlsVerify(true).noProxy(real.targets().ip).enableForScim(true).enableForInference(true).enableForApi(true));
        String direct = "/skip/direct-" + UUID.randomUUID();
        EgressException e = catchThrowableOfType(EgressException.class,
                () -> systemTrustClients.api().get(real.targets().https(direct)));

        assertThat(e.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
        assertThat(e.viaProxy()).isFalse();
        assertThat(real.targets().count(direct)).isZero();
    }

    @Test
    void aCustomCaIsTrustedForProxiedTrafficOnly() throws IOException {
        save(config("socks5h", true).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true)); // ca_cert_pem = the test certificate
        assertThat(systemTrustClients.scim().get(real.targets().https("/ca/proxied")).status()).isEqualTo(200);

        save(config("socks5h", true).caCertPem("").noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        EgressException withoutCa = catchThrowableOfType(EgressException.class,
                () -> systemTrustClients.scim().get(real.targets().https("/ca/without")));
        assertThat(withoutCa.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
        assertThat(withoutCa.viaProxy()).isTrue();

        save(config("socks5h", true).noProxy(real.targets().ip).enableForScim(true).enableForInference(true).enableForApi(true));
        EgressException direct = catchThrowableOfType(EgressException.class,
                () -> systemTrustClients.scim().get(real.targets().https("/ca/direct")));
        assertThat(direct.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
        assertThat(direct.viaProxy()).isFalse();
    }

    @ParameterizedTest(name = "https target {0}")
    @ValueSource(booleans = {false, true})
    void anHttpsProxyIsReachedOverTls(boolean tlsTarget) throws IOException {
        save(config("http", true).url("https://127.0.0.1:" + real.proxies().stunnel.port).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        String path = "/tls-proxy/" + UUID.randomUUID();
        int tinyMark = real.proxies().tinyproxyAuth.mark();
        int stunnelMark = real.proxies().stunnel.mark();

        OutboundResponse response = systemTrustClients.api().get(tlsTarget ? real.targets().https(path) : real.targets().http(path));

        assertThat(response.status()).isEqualTo(200);
        assertThat(real.proxies().stunnel.since(stunnelMark)).contains("accepted connection");
        assertThat(real.proxies().tinyproxyAuth.since(tinyMark)).contains(tlsTarget
                ? "CONNECT " + real.targets().ip + ":" + real.targets().httpsPort() : "GET " + real.targets().http(path));
    }

    @Test
    void anHttpsProxyWithAnUntrustedCertificateIsATlsErrorNeverDirect() {
        save(config("http", true).url("https://127.0.0.1:" + real.proxies().stunnel.port).caCertPem("")
                .noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        String path = "/tls-proxy-untrusted/" + UUID.randomUUID();

        EgressException e = catchThrowableOfType(EgressException.class, () -> systemTrustClients.api().get(real.targets().http(path)));

        assertThat(e.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
        assertThat(e.getMessage()).contains("the proxy https://127.0.0.1:" + real.proxies().stunnel.port);
        assertThat(real.targets().count(path)).isZero();
    }

    // ---- names and bodies -------------------------------------------------------

    @Test
    void socks5hLetsTheProxyResolveNamesAndSocks5ResolvesThemHere() throws IOException {
        save(config("socks5h", true).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        int mark = real.proxies().microsocksAuth.mark();
        assertThat(clients.api().get(real.targets().named("/names/remote")).status()).isEqualTo(200);
        assertThat(real.proxies().microsocksAuth.since(mark)).contains("connected to " + real.targets().hostName + ":" + real.targets().namedPort());

        save(config("socks5", true).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));
        mark = real.proxies().microsocksAuth.mark();
        assertThat(clients.api().get(real.targets().named("/names/local")).status()).isEqualTo(200);
        assertThat(real.proxies().microsocksAuth.since(mark)).contains("connected to ")
                .doesNotContain("connected to " + real.targets().hostName + ":");
    }

    @Test
    void chunkedResponsesAndRequestBodiesTravelThroughTheProxy() throws IOException {
        save(config("http", true).noProxy("").enableForScim(true).enableForInference(true).enableForApi(true));

        OutboundResponse chunked = clients.api().get(real.targets().http("/chunked"));
        OutboundResponse posted = clients.api().send(OutboundRequest.post(real.targets().https("/post"), "application/json",
                "{\"model\":\"x\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(chunked.header("transfer-encoding")).hasValue("chunked");
        assertThat(chunked.bodyText()).isEqualTo("target saw GET /chunked with 0 body bytes".repeat(3));
        assertThat(posted.bodyText()).isEqualTo("target saw POST /post with 13 body bytes");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static RealProxies.ProxyProcess proxyFor(String type, boolean auth) {
        return switch (type) {
            case "http", "tcp" -> auth ? real.proxies().tinyproxyAuth : real.proxies().tinyproxyOpen;
            default -> auth ? real.proxies().microsocksAuth : real.proxies().microsocksOpen;
        };
    }

    /** An enabled configuration of {@code type} pointing at the matching real proxy, trusting the test CA. */
    private static ProxyConfig.Builder config(String type, boolean auth) {
        int port = proxyFor(type, auth).port;
        String url = switch (type) {
            case "http" -> "http://127.0.0.1:" + port;
            case "tcp" -> "tcp://127.0.0.1:" + port;
            default -> type + "://127.0.0.1:" + port;
        };
        return draft().type(ProxyType.fromWire(type.startsWith("socks5") ? "socks5" : type)).url(url)
                .username(auth ? RealProxies.USER : "").password(Secret.of(auth ? RealProxies.PASSWORD : ""))
                .caCertPem(real.pki().certificatePem);
    }

    /** Enabled, a 5 s timeout, every purpose off: each test turns on what it needs. */
    private static ProxyConfig.Builder draft() {
        return ProxyConfig.builder().enabled(true).timeoutSeconds(5);
    }

    private static void save(ProxyConfig.Builder config) {
        active.set(ProxyRouter.compile(config.build()));
    }
}
