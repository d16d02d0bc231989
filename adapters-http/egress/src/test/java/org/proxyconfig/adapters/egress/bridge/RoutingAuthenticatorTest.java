package org.proxyconfig.adapters.egress.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proxyconfig.adapters.egress.bridge.RoutingProxySelectorTest.PASSWORD;
import static org.proxyconfig.adapters.egress.bridge.RoutingProxySelectorTest.config;
import static org.proxyconfig.adapters.egress.bridge.RoutingProxySelectorTest.router;

import java.net.Authenticator;
import java.net.Authenticator.RequestorType;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/** Who is given the proxy credentials: the proxy in force, asking as a proxy, and nobody else. */
class RoutingAuthenticatorTest {

    private final AtomicReference<ProxyRouter> routing = new AtomicReference<>(router(ProxyType.HTTP, "http://proxy.corp:3128"));
    private final Authenticator authenticator = new RoutingAuthenticator(routing::get);

    /** How the JDK HTTP clients ask after a 407 (or a 401 when {@code type} is SERVER). */
    private PasswordAuthentication askHttp(String host, int port, RequestorType type) throws Exception {
        URL url = URI.create("http://api.example.com/v1").toURL();
        return authenticator.requestPasswordAuthenticationInstance(host, null, port, "http", "realm", "basic", url, type);
    }

    /** How java.net.SocksSocketImpl asks: SERVER, protocol SOCKS5, no URL. */
    private PasswordAuthentication askSocks(String host, int port) {
        return authenticator.requestPasswordAuthenticationInstance(host, null, port, "SOCKS5", "SOCKS authentication",
                null, null, RequestorType.SERVER);
    }

    @Test
    void theProxyInForceAskingAsAProxyGetsTheCredentials() throws Exception {
        PasswordAuthentication answer = askHttp("proxy.corp", 3128, RequestorType.PROXY);

        assertThat(answer.getUserName()).isEqualTo("gw");
        assertThat(new String(answer.getPassword())).isEqualTo(PASSWORD);
        assertThat(askHttp("PROXY.corp", 3128, RequestorType.PROXY)).as("host names are case-insensitive").isNotNull();
    }

    @Test
    void aTargetServerAskingWith401GetsNothingEvenAtTheProxysAddress() throws Exception {
        assertThat(askHttp("api.example.com", 443, RequestorType.SERVER)).isNull();
        assertThat(askHttp("proxy.corp", 3128, RequestorType.SERVER)).isNull();
    }

    @Test
    void anotherProxyOrAnotherPortGetsNothing() throws Exception {
        assertThat(askHttp("evil-proxy.example", 3128, RequestorType.PROXY)).isNull();
        assertThat(askHttp("proxy.corp", 8080, RequestorType.PROXY)).isNull();
        assertThat(askHttp(null, 3128, RequestorType.PROXY)).isNull();
    }

    @Test
    void aSocksProxyIsAnsweredOnlyWhenTheJdksSocksClientAsksIt() throws Exception {
        routing.set(router(ProxyType.SOCKS5, "socks5h://socks.corp:1080"));

        assertThat(askSocks("socks.corp", 1080)).isNotNull();
        assertThat(askSocks("socks.corp", 1081)).isNull();
        assertThat(askHttp("socks.corp", 1080, RequestorType.SERVER)).as("an HTTP server at that address").isNull();

        routing.set(router(ProxyType.HTTP, "http://socks.corp:1080"));
        assertThat(askSocks("socks.corp", 1080)).as("the proxy in force is no SOCKS proxy").isNull();
    }

    @Test
    void theConfigurationInForceDecidesEachRequest() throws Exception {
        assertThat(askHttp("proxy.corp", 3128, RequestorType.PROXY)).isNotNull();

        routing.set(router(ProxyType.HTTP, "http://new-proxy.corp:3128"));
        assertThat(askHttp("proxy.corp", 3128, RequestorType.PROXY)).as("the old proxy").isNull();
        assertThat(askHttp("new-proxy.corp", 3128, RequestorType.PROXY)).isNotNull();

        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://new-proxy.corp:3128").enabled(false).build()));
        assertThat(askHttp("new-proxy.corp", 3128, RequestorType.PROXY)).as("proxy disabled").isNull();

        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://new-proxy.corp:3128")
                .username("").password(Secret.NONE).build()));
        assertThat(askHttp("new-proxy.corp", 3128, RequestorType.PROXY)).as("no username configured").isNull();
    }

    @Test
    void anIpv6ProxyMatchesWithOrWithoutBrackets() throws Exception {
        routing.set(router(ProxyType.HTTP, "http://[2001:db8::1]:3128"));

        assertThat(askHttp("2001:db8::1", 3128, RequestorType.PROXY)).isNotNull();
        assertThat(askHttp("[2001:db8::1]", 3128, RequestorType.PROXY)).isNotNull();
    }

    private static ProxyRoutes routeVia(String url, String username, String password) {
        return ProxyRoutes.builder().add("second.example", ProxyRoute.ALL_PURPOSES, RouteProxy.builder()
                .url(url).username(username).password(Secret.of(password))).build();
    }

    @Test
    void aRoutesOwnProxyGetsItsOwnCredentialsAndTheMainProxyKeepsItsOwn() throws Exception {
        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://proxy.corp:3128").build(),
                routeVia("http://second.corp:8080", "bob", "route-secret")));

        PasswordAuthentication second = askHttp("second.corp", 8080, RequestorType.PROXY);
        assertThat(second.getUserName()).isEqualTo("bob");
        assertThat(new String(second.getPassword())).isEqualTo("route-secret");
        assertThat(askHttp("proxy.corp", 3128, RequestorType.PROXY).getUserName()).isEqualTo("gw");
        assertThat(askHttp("second.corp", 8080, RequestorType.SERVER)).as("a target at the route proxy's address").isNull();
    }

    @Test
    void proxiesAtOneAddressWithDifferentCredentialsGetNone() throws Exception {
        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://proxy.corp:3128").build(),
                routeVia("http://proxy.corp:3128", "bob", "route-secret")));

        assertThat(askHttp("proxy.corp", 3128, RequestorType.PROXY)).isNull();
    }
}
