package org.proxyconfig.adapters.egress.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Authenticator;
import java.net.Authenticator.RequestorType;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.Secret;

/** The bridges with {@code fallback_urls}: the whole list, in order, and its credentials for every proxy of it. */
class BridgesFallbackListTest {

    private static final String PASSWORD = "pair-s3cret-81c4";
    private static final String ROUTE_PASSWORD = "route-pair-s3cret-2d9e";

    private final ProxyRouter router = ProxyRouter.compile(
            ProxyConfig.builder().enabled(true).url("http://a.corp:3128").fallbackUrls(List.of("http://b.corp:3128"))
                    .username("gw").password(Secret.of(PASSWORD)).enableForInference(true).build(),
            ProxyRoutes.builder().add(".routed.example", ProxyRoute.ALL_PURPOSES, RouteProxy.builder()
                    .url("http://r.corp:1").fallbackUrls(List.of("http://s.corp:2")).username("rt")
                    .password(Secret.of(ROUTE_PASSWORD))).build());

    private static List<String> addresses(List<Proxy> proxies) {
        return proxies.stream().map(p -> (InetSocketAddress) p.address())
                .map(a -> a.getHostString() + ":" + a.getPort()).toList();
    }

    @Test
    void theSelectorReturnsTheWholeListInOrder() {
        var selector = new RoutingProxySelector(() -> router, Purpose.INFERENCE, HttpClientKind.URL_CONNECTION);

        assertThat(addresses(selector.select(URI.create("https://api.example.com/v1"))))
                .containsExactly("a.corp:3128", "b.corp:3128");
        assertThat(addresses(selector.select(URI.create("https://api.routed.example/v1"))))
                .containsExactly("r.corp:1", "s.corp:2");
    }

    @Test
    void theAuthenticatorGivesAFallbackItsListsCredentialsAndNoOthers() throws Exception {
        Authenticator authenticator = new RoutingAuthenticator(() -> router);

        PasswordAuthentication fallback = ask(authenticator, "b.corp", 3128);
        PasswordAuthentication routeFallback = ask(authenticator, "s.corp", 2);

        assertThat(fallback.getUserName()).isEqualTo("gw");
        assertThat(new String(fallback.getPassword())).isEqualTo(PASSWORD);
        assertThat(routeFallback.getUserName()).isEqualTo("rt");
        assertThat(new String(routeFallback.getPassword())).isEqualTo(ROUTE_PASSWORD);
        assertThat(ask(authenticator, "c.corp", 3128)).as("not in any list").isNull();
    }

    private static PasswordAuthentication ask(Authenticator authenticator, String host, int port) throws Exception {
        return authenticator.requestPasswordAuthenticationInstance(host, null, port, "http", "realm", "basic",
                URI.create("http://api.example.com/v1").toURL(), RequestorType.PROXY);
    }
}
