package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Secret;

/** A route's own proxy gets a pool of its own profile: its credentials, TLS options and timeout, never the main proxy's. */
class RoutePoolsTest {

    private static final ProxyConfig MAIN = ProxyConfig.builder().enabled(true).url("http://main.corp:3128")
            .username("gw").password(Secret.of("main-secret")).timeoutSeconds(30)
            .enableForScim(true).enableForInference(true).enableForApi(true).build();

    private static RouteProxy.Builder second() {
        return RouteProxy.builder().type(ProxyType.SOCKS5).url("socks5h://second.corp:1080").username("bob")
                .password(Secret.of("route-secret")).timeoutSeconds(7).skipTlsVerify(true);
    }

    private static final ProxyRoutes ROUTES = ProxyRoutes.builder()
            .add("a.example", ProxyRoute.ALL_PURPOSES, second())
            .add("b.example", ProxyRoute.ALL_PURPOSES, second())
            .add("c.example", ProxyRoute.ALL_PURPOSES, RouteProxy.builder().url("http://third.corp:8080"))
            .add("d.example", ProxyRoute.ALL_PURPOSES, RouteVia.DIRECT)
            .build();

    private final AtomicReference<ProxyRouter> active = new AtomicReference<>(ProxyRouter.compile(MAIN, ROUTES));
    private final RouteClientFactory factory = new RouteClientFactory(EgressOptions.defaults());
    private final RoutePools pools = new RoutePools(active::get, factory);

    @AfterEach
    void close() {
        pools.close();
        factory.close();
    }

    private RoutePool poolFor(String host) {
        ProxyRouter router = active.get();
        RoutePool pool = pools.acquire(router, router.decide(Purpose.API, host, 443), 0);
        pool.release(); // the request's reference: the pools keep theirs
        return pool;
    }

    @Test
    void aRouteProxyHasAPoolOfItsOwnProfile() {
        RouteProfile profile = poolFor("a.example").profile();

        assertThat(profile.describe()).isEqualTo("socks5h://second.corp:1080");
        assertThat(profile.type()).isEqualTo(ProxyType.SOCKS5);
        assertThat(profile.username()).isEqualTo("bob");
        assertThat(profile.password().reveal()).isEqualTo("route-secret");
        assertThat(profile.timeoutSeconds()).isEqualTo(7);
        assertThat(profile.skipTlsVerify()).isTrue();
        assertThat(poolFor("b.example")).as("the same proxy, one pool").isSameAs(poolFor("a.example"));
        assertThat(poolFor("c.example").profile().username()).as("the main credentials never go to a route proxy").isEmpty();
        assertThat(poolFor("c.example").profile().timeoutSeconds()).isEqualTo(ProxyConfig.DEFAULT_TIMEOUT_SECONDS);
    }

    @Test
    void theMainProxyAndDirectKeepTheirPools() {
        assertThat(poolFor("other.example").profile().username()).isEqualTo("gw");
        assertThat(poolFor("other.example").profile().describe()).isEqualTo("http://main.corp:3128");
        assertThat(poolFor("d.example").profile().isDirect()).isTrue();
    }

    @Test
    void aChangeOfTheRoutesKeepsThePoolsStillInForceAndRetiresTheOthers() {
        RoutePool second = poolFor("a.example");
        RoutePool third = poolFor("c.example");
        RoutePool main = poolFor("other.example");

        active.set(ProxyRouter.compile(MAIN, ProxyRoutes.builder().add("a.example", ProxyRoute.ALL_PURPOSES, second()).build()));

        assertThat(poolFor("a.example")).isSameAs(second);
        assertThat(poolFor("other.example")).isSameAs(main);
        assertThat(third.tryAcquire()).as("retired and drained").isFalse();
        assertThat(poolFor("c.example").profile().describe()).isEqualTo("http://main.corp:3128");
    }
}
