package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Secret;

/**
 * Per-target routes against real proxies: one routes configuration sends target A direct, target B
 * through a second tinyproxy with credentials of its own, and everything else through the main
 * tinyproxy. Proven from both sides: each proxy's log names exactly the requests it relayed, and
 * each target records the {@code Via} its requests came with (each proxy signs with its own name;
 * a direct request has none). The targets are told apart by port: this machine has one
 * non-loopback address, and a name that resolves to loopback would always go direct.
 */
class RoutesThroughRealProxiesTest {

    private static final String ROUTE_USER = "route-user";
    private static final String ROUTE_PASSWORD = "R0ute-s3cret-5e2b";

    private static Path dir;
    private static TestTargets targetA;
    private static TestTargets targetB;
    private static TestTargets elsewhere;
    private static RealProxies.ProxyProcess mainProxy;
    private static RealProxies.ProxyProcess secondProxy;
    private static final AtomicReference<ProxyRouter> active = new AtomicReference<>(ProxyRouter.compile(ProxyConfig.DEFAULTS));
    private static OutboundClients clients;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("proxy-config-routes");
        TestPki pki = TestPki.get();
        targetA = new TestTargets(pki);
        targetB = new TestTargets(pki);
        elsewhere = new TestTargets(pki);
        mainProxy = RealProxies.tinyproxy(dir, "main-proxy", RealProxies.USER, RealProxies.PASSWORD, "main-proxy");
        secondProxy = RealProxies.tinyproxy(dir, "second-proxy", ROUTE_USER, ROUTE_PASSWORD, "second-proxy");
        clients = new OutboundClients(active::get, EgressOptions.defaults().withReadTimeout(Duration.ofSeconds(10))
                .withSystemTrust(pki.systemPlusTestCertificate()));
    }

    @AfterAll
    static void stop() {
        if (clients != null) clients.close();
        for (RealProxies.ProxyProcess proxy : new RealProxies.ProxyProcess[] {mainProxy, secondProxy}) {
            if (proxy != null) proxy.stop();
        }
        for (TestTargets targets : new TestTargets[] {targetA, targetB, elsewhere}) {
            if (targets != null) targets.close();
        }
        TestPki.deleteTree(dir);
    }

    private static ProxyConfig main() {
        return ProxyConfig.builder().enabled(true).url("http://127.0.0.1:" + mainProxy.port)
                .username(RealProxies.USER).password(Secret.of(RealProxies.PASSWORD)).timeoutSeconds(5)
                .enableForScim(true).enableForInference(true).enableForApi(true).build();
    }

    /** Route 0: target A direct; route 1: target B (both its ports) through the second proxy. */
    private static void saveRoutes(String routePassword) {
        ProxyRoutes routes = ProxyRoutes.builder()
                .add(targetA.ip + ":" + targetA.httpPort(), ProxyRoute.ALL_PURPOSES, RouteVia.DIRECT)
                .add(targetB.ip + ":" + targetB.httpPort() + ", " + targetB.ip + ":" + targetB.httpsPort(),
                        ProxyRoute.ALL_PURPOSES, RouteProxy.builder().url("http://127.0.0.1:" + secondProxy.port)
                                .username(ROUTE_USER).password(Secret.of(routePassword)).timeoutSeconds(5))
                .build();
        active.set(ProxyRouter.compile(main(), routes));
    }

    private static String path(String name) {
        return "/" + name + "/" + UUID.randomUUID();
    }

    /** Where the two proxies' logs stand, so that a test reads only what its own requests added. */
    private record LogMarks(int mainMark, int secondMark) {

        static LogMarks now() {
            return new LogMarks(mainProxy.mark(), secondProxy.mark());
        }

        String main() {
            return mainProxy.since(mainMark);
        }

        String second() {
            return secondProxy.since(secondMark);
        }
    }

    @Test
    void targetAGoesDirectTargetBThroughTheSecondProxyAndTheRestThroughTheMainProxy() throws IOException {
        saveRoutes(ROUTE_PASSWORD);
        String toA = path("a");
        String toB = path("b");
        String toElsewhere = path("elsewhere");
        LogMarks logs = LogMarks.now();

        OutboundResponse a = clients.api().get(targetA.http(toA));
        OutboundResponse b = clients.api().get(targetB.http(toB));
        OutboundResponse other = clients.api().get(elsewhere.http(toElsewhere));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.route().describe()).startsWith("route 0 (match ").endsWith(") → direct");
        assertThat(targetA.last(toA).via()).as("A was reached by no proxy").isEmpty();

        assertThat(b.status()).isEqualTo(200);
        assertThat(b.route().route()).isEqualTo(RouteDecision.Route.PROXY);
        assertThat(b.route().matchedRoute().orElseThrow().index()).isEqualTo(1);
        assertThat(targetB.last(toB).via()).contains("second-proxy").doesNotContain("main-proxy");

        assertThat(other.status()).isEqualTo(200);
        assertThat(other.route().decidedBy()).isEqualTo(RouteDecision.DecidedBy.PROXY_FOR_PURPOSE);
        assertThat(elsewhere.last(toElsewhere).via()).contains("main-proxy").doesNotContain("second-proxy");

        assertThat(logs.second()).contains("GET " + targetB.http(toB) + " HTTP/1.1").doesNotContain(toA).doesNotContain(toElsewhere);
        assertThat(logs.main()).contains("GET " + elsewhere.http(toElsewhere) + " HTTP/1.1").doesNotContain(toA).doesNotContain(toB);
    }

    @Test
    void anHttpsTargetOfRouteBIsTunnelledThroughTheSecondProxyOnly() throws IOException {
        saveRoutes(ROUTE_PASSWORD);
        String toB = path("b-tls");
        LogMarks logs = LogMarks.now();

        OutboundResponse b = clients.inference().get(targetB.https(toB));

        assertThat(b.status()).isEqualTo(200);
        assertThat(targetB.count(toB)).isEqualTo(1);
        assertThat(logs.second()).contains("CONNECT " + targetB.ip + ":" + targetB.httpsPort() + " HTTP/1.1");
        assertThat(logs.main()).doesNotContain(targetB.ip + ":" + targetB.httpsPort());
    }

    @Test
    void aProbeOfTheDryRunGoesThroughTheRoutesProxyWithItsCredentials() throws IOException {
        saveRoutes(ROUTE_PASSWORD);
        String toB = path("b-probe");
        LogMarks logs = LogMarks.now();

        OutboundClients.ProbeAnswer answer = clients.probe(active.get(), org.proxyconfig.domain.Purpose.API,
                OutboundRequest.get(targetB.http(toB)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.route().matchedRoute().orElseThrow().index()).isEqualTo(1);
        assertThat(targetB.last(toB).via()).contains("second-proxy");
        assertThat(logs.second()).contains(toB);
        assertThat(logs.main()).doesNotContain(toB);
    }

    @Test
    void theSecondProxyIsGivenTheRoutesCredentialsNeverTheMainOnesAndAWrongOneNeverGoesElsewhere() throws IOException {
        saveRoutes("wrong-route-password");
        String plain = path("b-wrong");
        String tls = path("b-wrong-tls");
        LogMarks logs = LogMarks.now();

        // tinyproxy answers wrong credentials on an absolute-form request with its own 401, on a CONNECT with 407.
        OutboundResponse refused = clients.scim().get(targetB.http(plain));
        EgressException e = catchThrowableOfType(EgressException.class, () -> clients.scim().get(targetB.https(tls)));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("server")).hasValueSatisfying(s -> assertThat(s).contains("tinyproxy"));
        assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_AUTH_REQUIRED);
        assertThat(e.getMessage()).doesNotContain("wrong-route-password").doesNotContain(RealProxies.PASSWORD);
        assertThat(targetB.count(plain) + targetB.count(tls)).as("neither direct nor through the main proxy").isZero();
        assertThat(logs.main()).as("the main proxy never saw them").isEmpty();
        assertThat(logs.second()).isNotEmpty();
    }
}
