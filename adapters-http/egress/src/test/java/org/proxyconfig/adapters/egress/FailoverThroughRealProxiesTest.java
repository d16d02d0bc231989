package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/**
 * Failover against a real proxy pair: two tinyproxy instances with the same credentials, the
 * second a fallback of the first. Proven from both sides: each proxy signs what it relays with its
 * own name in {@code Via}, each proxy's log names the requests it saw, and the target counts every
 * request that reached it — so a request that went direct, or twice, would show.
 */
class FailoverThroughRealProxiesTest {

    /** Long enough for the steps between a set-aside and the check that it still holds, on a slow machine. */
    private static final int COOLDOWN_SECONDS = 8;

    private static Path dir;
    private static TestTargets target;
    private static RealProxies.ProxyProcess first;
    private static RealProxies.ProxyProcess second;
    /** TLS in front of the first proxy, with the test PKI's certificate: an https:// proxy. */
    private static RealProxies.ProxyProcess tlsFirst;
    private static final AtomicReference<ProxyRouter> active = new AtomicReference<>(ProxyRouter.compile(ProxyConfig.DEFAULTS));
    private static final List<String> setAside = new CopyOnWriteArrayList<>();
    private static OutboundClients clients;
    private static TestPki pki;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("proxy-config-failover");
        pki = TestPki.get();
        target = new TestTargets(pki);
        first = RealProxies.tinyproxy(dir, "first-proxy", RealProxies.USER, RealProxies.PASSWORD, "first-proxy");
        second = RealProxies.tinyproxy(dir, "second-proxy", RealProxies.USER, RealProxies.PASSWORD, "second-proxy");
        tlsFirst = RealProxies.stunnel(dir, pki, first.port);
    }

    @AfterAll
    static void stop() {
        if (first != null) first.stop();
        if (second != null) second.stop();
        if (tlsFirst != null) tlsFirst.stop();
        if (target != null) target.close();
        TestPki.deleteTree(dir);
    }

    /** Each test starts with both proxies up, and with clients of its own: nothing set aside. */
    @BeforeEach
    void bothUpAndNewClients() throws IOException {
        if (!first.running()) first.restart();
        if (!second.running()) second.restart();
        active.set(ProxyRouter.compile(pair(RealProxies.PASSWORD, COOLDOWN_SECONDS)));
        setAside.clear();
        clients = new OutboundClients(active::get, EgressOptions.defaults().withReadTimeout(Duration.ofSeconds(10))
                .withSystemTrust(pki.systemPlusTestCertificate()).withObserver(heard()));
    }

    /** Writes down each proxy set aside, as {@code host:port KIND}. */
    private static EgressObserver heard() {
        return new EgressObserver() {
            @Override
            public void setAside(ProxyEndpoint proxy, EgressFailure kind) {
                setAside.add(proxy.authority() + " " + kind);
            }
        };
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private static ProxyConfig pair(String password, int cooldown) {
        return ProxyConfig.builder().enabled(true).url("http://127.0.0.1:" + first.port)
                .fallbackUrls(List.of("http://127.0.0.1:" + second.port)).fallbackCooldownSeconds(cooldown)
                .username(RealProxies.USER).password(Secret.of(password)).timeoutSeconds(5)
                .enableForInference(true).enableForApi(true).build();
    }

    private static String path(String name) {
        return "/" + name + "/" + UUID.randomUUID();
    }

    /** Which proxy relayed a plain-HTTP request, from the target's side. */
    private static String relayedBy(String path) {
        String via = target.last(path).via();
        return via.isEmpty() ? "direct" : via;
    }

    @Test
    void whenTheFirstStopsRequestsGoOnThroughTheSecondItIsSetAsideOnceAndComesBackAfterTheCooldown() throws Exception {
        String before = path("before");
        assertThat(clients.api().get(target.http(before)).status()).isEqualTo(200);
        assertThat(relayedBy(before)).contains("first-proxy");

        first.stop();
        long stoppedAt = System.nanoTime();
        int secondMark = second.mark();
        for (int i = 0; i < 10; i++) {
            String plain = path("during-" + i);
            String tls = path("during-tls-" + i);
            assertThat(clients.api().get(target.http(plain)).status()).as("no failed request").isEqualTo(200);
            assertThat(clients.inference().get(target.https(tls)).status()).as("no failed request").isEqualTo(200);
            assertThat(relayedBy(plain)).contains("second-proxy");
            assertThat(target.count(plain) + target.count(tls)).as("each reached the target once").isEqualTo(2);
        }
        assertThat(second.since(secondMark)).contains("CONNECT " + target.ip + ":" + target.httpsPort());
        assertThat(setAside).as("set aside at its first failure, then skipped, for every purpose")
                .containsExactly("127.0.0.1:" + first.port + " CONNECT_FAILED");

        first.restart();
        int firstMark = first.mark();
        String early = path("early");
        assertThat(clients.api().get(target.http(early)).status()).isEqualTo(200);
        if (Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() < COOLDOWN_SECONDS - 1) {
            assertThat(relayedBy(early)).as("still set aside during the cool-down").contains("second-proxy");
            assertThat(first.since(firstMark)).doesNotContain(early);
        }
        Eventually.until("the first proxy back after the cool-down", Duration.ofSeconds(COOLDOWN_SECONDS + 10), () -> {
            String after = path("after");
            try {
                clients.api().get(target.http(after));
            } catch (IOException e) {
                throw new AssertionError("a request failed while the second proxy was up", e);
            }
            return relayedBy(after).contains("first-proxy");
        });
        assertThat(setAside).hasSize(1);
    }

    @Test
    void whenBothAreDownARequestFailsNamingBothAndNothingGoesDirect() throws Exception {
        first.stop();
        second.stop();
        String plain = path("none");
        String tls = path("none-tls");

        EgressException e = catchThrowableOfType(EgressException.class, () -> clients.api().get(target.http(plain)));
        EgressException again = catchThrowableOfType(EgressException.class, () -> clients.inference().get(target.https(tls)));

        assertThat(e.kind()).isEqualTo(EgressFailure.CONNECT_FAILED);
        assertThat(e.viaProxy()).isTrue();
        assertThat(e.getMessage()).contains("none of the 2 proxies", "127.0.0.1:" + first.port, "127.0.0.1:" + second.port,
                "never goes direct").doesNotContain(RealProxies.PASSWORD);
        assertThat(again.kind()).isEqualTo(EgressFailure.CONNECT_FAILED);
        assertThat(target.count(plain) + target.count(tls)).as("nothing reached the target, direct or otherwise").isZero();
        assertThat(setAside).as("the last usable proxy of a list is never set aside").hasSize(1);
    }

    @Test
    void aProxyThatRefusesTheCredentialsIsNotFailedOverAndNotSetAside() throws Exception {
        active.set(ProxyRouter.compile(pair("wrong-password", COOLDOWN_SECONDS)));
        int secondMark = second.mark();
        String tls = path("refused");

        EgressException e = catchThrowableOfType(EgressException.class, () -> clients.api().get(target.https(tls)));

        assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_AUTH_REQUIRED);
        assertThat(e.proxyUnusable()).isFalse();
        assertThat(second.since(secondMark)).as("the second would be told the same: not asked").doesNotContain("CONNECT");
        assertThat(setAside).isEmpty();
    }

    @Test
    void aTargetWhoseTlsFailsIsNotTheProxysFaultAndIsNotFailedOver() throws Exception {
        try (OutboundClients untrusting = new OutboundClients(active::get,
                EgressOptions.defaults().withReadTimeout(Duration.ofSeconds(10)))) {
            int firstMark = first.mark();
            int secondMark = second.mark();
            String tls = path("untrusted");

            EgressException e = catchThrowableOfType(EgressException.class, () -> untrusting.api().get(target.https(tls)));

            assertThat(e.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
            assertThat(e.proxyUnusable()).as("the tunnel was up: the target's certificate failed").isFalse();
            assertThat(first.since(firstMark)).contains("CONNECT " + target.ip);
            assertThat(second.since(secondMark)).doesNotContain("CONNECT");
        }
    }

    @Test
    void aProbeTriesTheListInOrderAndNamesTheProxyUsedAndThosePassedOver() throws Exception {
        first.stop();
        String probe = path("probe");

        OutboundClients.ProbeAnswer answer = clients.probe(active.get(), org.proxyconfig.domain.Purpose.API,
                OutboundRequest.get(target.http(probe)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.proxyUsed()).hasValueSatisfying(p -> assertThat(p.port()).isEqualTo(second.port));
        assertThat(answer.passedOver()).singleElement().satisfies(p -> {
            assertThat(p.proxy().port()).isEqualTo(first.port);
            assertThat(p.kind()).isEqualTo(EgressFailure.CONNECT_FAILED);
        });
        assertThat(setAside).as("a probe leaves the live clients' state alone").isEmpty();

        // The probe never tells the observer, so the check above alone cannot fail: a live request,
        // with the first still down, must find the first not set aside, try it, and set it aside
        // itself. Had the probe set it aside, the request would skip it and nothing would be heard.
        String live = path("after-probe");
        assertThat(clients.api().get(target.http(live)).status()).isEqualTo(200);
        assertThat(relayedBy(live)).contains("second-proxy");
        assertThat(setAside).as("the live request, not the probe, set the first aside")
                .containsExactly("127.0.0.1:" + first.port + " CONNECT_FAILED");
    }

    /**
     * The pair with the first proxy behind TLS (stunnel, the test PKI's certificate), and clients
     * that do not trust that certificate: TLS with the first proxy fails.
     */
    private static OutboundClients untrustedHttpsFirst() {
        active.set(ProxyRouter.compile(pair(RealProxies.PASSWORD, COOLDOWN_SECONDS).toBuilder()
                .url("https://127.0.0.1:" + tlsFirst.port).build()));
        return new OutboundClients(active::get, EgressOptions.defaults().withReadTimeout(Duration.ofSeconds(10))
                .withObserver(heard()));
    }

    @Test
    void anHttpsProxyWhoseCertificateIsNotTrustedIsSetAsideAndThePlainOneCarriesTheRequest() throws Exception {
        try (OutboundClients untrusting = untrustedHttpsFirst()) {
            String plain = path("untrusted-proxy");

            // Absolute form: the one TLS is the proxy's, made after the connection (Exchange tells it apart).
            OutboundResponse answer = untrusting.api().get(target.http(plain));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(relayedBy(plain)).contains("second-proxy");
            assertThat(setAside).containsExactly("127.0.0.1:" + tlsFirst.port + " TLS_FAILURE");
        }
    }

    @Test
    void aStreamedBodyIsNotSentThroughTheNextProxyWhenTheFirstProxysOwnTlsFails() throws Exception {
        try (OutboundClients untrusting = untrustedHttpsFirst()) {
            String plain = path("untrusted-streamed");
            OutboundRequest post = OutboundRequest.post(target.http(plain), "text/plain",
                    RequestBody.streamed(new ByteArrayInputStream("a body read once".getBytes(StandardCharsets.UTF_8))));

            // The proxy's handshake ran on the first write, for which the body's first chunk was read.
            EgressException e = catchThrowableOfType(EgressException.class, () -> untrusting.api().send(post));

            assertThat(e.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
            assertThat(e.proxyUnusable()).as("a body already read from is not sent again elsewhere").isFalse();
            assertThat(setAside).isEmpty();
            assertThat(target.count(plain)).as("the second proxy did not carry it").isZero();
        }
    }

    @Test
    void throughATunnelTheProxysTlsFailsOverAndTheTargetsDoesNot() throws Exception {
        try (OutboundClients untrusting = untrustedHttpsFirst()) {
            int secondMark = second.mark();
            String tls = path("untrusted-both");

            EgressException e = catchThrowableOfType(EgressException.class, () -> untrusting.api().get(target.https(tls)));

            assertThat(setAside).as("the proxy's TLS failed: next proxy").containsExactly("127.0.0.1:" + tlsFirst.port + " TLS_FAILURE");
            assertThat(second.since(secondMark)).as("the second proxy's tunnel was up").contains("CONNECT " + target.ip);
            assertThat(e.kind()).isEqualTo(EgressFailure.TLS_FAILURE);
            assertThat(e.proxyUnusable()).as("then the target's certificate failed: no proxy's fault").isFalse();
            assertThat(target.count(tls)).isZero();
        }
    }

    @Test
    void aSocksPairFailsOverWhenTheFirstIsDownButNotWhenItRefusesTheTarget() throws Exception {
        RealProxies.ProxyProcess socksA = RealProxies.microsocks(dir, "socks-a", true);
        RealProxies.ProxyProcess socksB = RealProxies.microsocks(dir, "socks-b", true);
        try {
            active.set(ProxyRouter.compile(ProxyConfig.builder().enabled(true).type(ProxyType.SOCKS5)
                    .url("socks5://127.0.0.1:" + socksA.port).fallbackUrls(List.of("socks5://127.0.0.1:" + socksB.port))
                    .username(RealProxies.USER).password(Secret.of(RealProxies.PASSWORD)).timeoutSeconds(5)
                    .enableForApi(true).build()));
            int closedPort = RealProxies.freePort();
            int bMark = socksB.mark();

            // The first refuses the target (nothing listens there): the SOCKS reply concerns the target, no failover.
            EgressException refused = catchThrowableOfType(EgressException.class,
                    () -> clients.api().get(java.net.URI.create("http://" + target.ip + ":" + closedPort + "/x")));
            assertThat(refused.kind()).isEqualTo(EgressFailure.PROXY_REFUSED);
            // The refusal is the first's alone: a failover would have asked the second too and named both.
            assertThat(refused.getMessage()).as("the refusal names the first SOCKS proxy only")
                    .contains("127.0.0.1:" + socksA.port).doesNotContain("127.0.0.1:" + socksB.port);
            assertThat(socksB.since(bMark)).as("the second was not asked").doesNotContain("connected to");
            assertThat(setAside).isEmpty();

            socksA.stop();
            String tls = path("socks-pair");
            assertThat(clients.api().get(target.https(tls)).status()).isEqualTo(200);
            assertThat(socksB.since(bMark)).contains("connected to " + target.ip + ":" + target.httpsPort());
            assertThat(setAside).containsExactly("127.0.0.1:" + socksA.port + " CONNECT_FAILED");
        } finally {
            socksA.stop();
            socksB.stop();
        }
    }
}
