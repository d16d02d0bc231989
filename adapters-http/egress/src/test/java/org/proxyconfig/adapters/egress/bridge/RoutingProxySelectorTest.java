package org.proxyconfig.adapters.egress.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proxyconfig.domain.InvalidTargetException;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.Secret;

/** What the selector answers for each decision and proxy scheme, per kind of client. */
class RoutingProxySelectorTest {

    static final String PASSWORD = "never-in-a-message-7f3a";
    static final URI HTTP_TARGET = URI.create("http://api.example.com/v1/models");
    static final URI HTTPS_TARGET = URI.create("https://api.example.com/v1/models");

    private final AtomicReference<ProxyRouter> routing = new AtomicReference<>(router(ProxyType.HTTP, "http://proxy.corp:3128"));

    static ProxyRouter router(ProxyType type, String url) {
        return ProxyRouter.compile(config(type, url).build());
    }

    static ProxyConfig.Builder config(ProxyType type, String url) {
        return ProxyConfig.builder().enabled(true).type(type).url(url)
                .username("gw").password(Secret.of(PASSWORD)).noProxy(".internal.example").enableForInference(true);
    }

    private ProxySelector selector(HttpClientKind client) {
        return new RoutingProxySelector(routing::get, Purpose.INFERENCE, client);
    }

    private static Proxy proxy(Proxy.Type type, String host, int port) {
        return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    @ParameterizedTest
    @EnumSource(HttpClientKind.class)
    void anHttpProxyIsAnsweredAsAnUnresolvedHttpProxyForPlainAndTlsTargets(HttpClientKind client) {
        Proxy expected = proxy(Proxy.Type.HTTP, "proxy.corp", 3128);

        assertThat(selector(client).select(HTTP_TARGET)).containsExactly(expected);
        assertThat(selector(client).select(HTTPS_TARGET)).containsExactly(expected);
        assertThat(((InetSocketAddress) selector(client).select(HTTP_TARGET).get(0).address()).isUnresolved()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(HttpClientKind.class)
    void directDecisionsAreNoProxy(HttpClientKind client) {
        assertThat(selector(client).select(URI.create("http://models.internal.example/"))).as("no_proxy entry")
                .containsExactly(Proxy.NO_PROXY);
        assertThat(selector(client).select(URI.create("http://127.0.0.1:8080/"))).as("always-direct host")
                .containsExactly(Proxy.NO_PROXY);
        ProxySelector scim = new RoutingProxySelector(routing::get, Purpose.SCIM, client);
        assertThat(scim.select(HTTP_TARGET)).as("purpose switched off").containsExactly(Proxy.NO_PROXY);
        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://proxy.corp:3128").enabled(false).build()));
        assertThat(selector(client).select(HTTP_TARGET)).as("proxy disabled").containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void socksIsAnsweredToTheClientsThatUseIt() {
        routing.set(router(ProxyType.SOCKS5, "socks5://socks.corp:1080"));
        assertThat(selector(HttpClientKind.URL_CONNECTION).select(HTTP_TARGET))
                .containsExactly(proxy(Proxy.Type.SOCKS, "socks.corp", 1080));
        routing.set(router(ProxyType.SOCKS5, "socks5h://socks.corp:1080"));
        assertThat(selector(HttpClientKind.OKHTTP).select(HTTPS_TARGET))
                .containsExactly(proxy(Proxy.Type.SOCKS, "socks.corp", 1080));
    }

    @Test
    void socksIsRefusedToTheJdkHttpClientWhichWouldGoDirect() {
        for (String url : List.of("socks5://socks.corp:1080", "socks5h://socks.corp:1080")) {
            routing.set(router(ProxyType.SOCKS5, url));
            assertThatThrownBy(() -> selector(HttpClientKind.JDK_HTTP_CLIENT).select(HTTP_TARGET))
                    .isInstanceOf(UnsupportedProxyException.class)
                    .hasMessageContaining(url.substring(0, url.indexOf(':')) + " proxy configured (" + url + ")")
                    .hasMessageContaining("the JDK HttpClient cannot use SOCKS")
                    .hasMessageContaining("refusing to go direct")
                    .hasMessageNotContaining(PASSWORD)
                    .cause().isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpClientKind.class)
    void anHttpsProxyIsRefusedByEveryClientForItCannotSpeakTlsToTheProxy(HttpClientKind client) {
        routing.set(router(ProxyType.HTTP, "https://proxy.corp:443"));

        for (URI target : List.of(HTTP_TARGET, HTTPS_TARGET)) {
            assertThatThrownBy(() -> selector(client).select(target))
                    .isInstanceOf(UnsupportedProxyException.class)
                    .hasMessageContaining("https proxy configured (https://proxy.corp:443)")
                    .hasMessageContaining(client.displayName() + " cannot speak TLS to a proxy")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpClientKind.class)
    void aTcpProxyTunnelsTlsTargetsAndRefusesPlainOnesThatWouldBeSentInAbsoluteForm(HttpClientKind client) {
        routing.set(router(ProxyType.TCP, "tcp://relay.corp:8080"));

        assertThat(selector(client).select(HTTPS_TARGET)).containsExactly(proxy(Proxy.Type.HTTP, "relay.corp", 8080));
        assertThat(selector(client).select(URI.create("wss://api.example.com/stream")))
                .containsExactly(proxy(Proxy.Type.HTTP, "relay.corp", 8080));
        assertThatThrownBy(() -> selector(client).select(HTTP_TARGET))
                .isInstanceOf(UnsupportedProxyException.class)
                .hasMessageContaining("tcp proxy configured (tcp://relay.corp:8080) for api.example.com:80")
                .hasMessageContaining("absolute form")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void theRouterInForceDecidesEachCall() {
        ProxySelector selector = selector(HttpClientKind.JDK_HTTP_CLIENT);
        assertThat(selector.select(HTTP_TARGET)).containsExactly(proxy(Proxy.Type.HTTP, "proxy.corp", 3128));

        routing.set(router(ProxyType.HTTP, "http://other-proxy.corp:8080"));
        assertThat(selector.select(HTTP_TARGET)).containsExactly(proxy(Proxy.Type.HTTP, "other-proxy.corp", 8080));

        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://proxy.corp:3128").noProxy("api.example.com").build()));
        assertThat(selector.select(HTTP_TARGET)).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void aFailedProxyConnectionNeverTurnsTheNextAnswerDirect() {
        ProxySelector selector = selector(HttpClientKind.URL_CONNECTION);
        List<Proxy> before = selector.select(HTTP_TARGET);

        selector.connectFailed(HTTP_TARGET, before.get(0).address(), new IOException("connection refused"));

        assertThat(selector.select(HTTP_TARGET)).isEqualTo(before).doesNotContain(Proxy.NO_PROXY);
    }

    @Test
    void theObserverHearsEachAnswersRouteAndEachFailedProxyButNoOtherSchemes() {
        Heard heard = new Heard();
        ProxySelector selector = new RoutingProxySelector(routing::get, Purpose.INFERENCE, HttpClientKind.URL_CONNECTION, heard);

        List<Proxy> proxied = selector.select(HTTP_TARGET);
        selector.select(URI.create("https://idp.internal.example/scim"));
        selector.select(URI.create("socket://db.internal.example:5432"));
        selector.connectFailed(HTTP_TARGET, proxied.get(0).address(), new IOException("connection refused"));

        assertThat(heard.lines).containsExactly("inference PROXY_FOR_PURPOSE", "inference NO_PROXY_ENTRY",
                "inference PROXY CONNECT_FAILED api.example.com");
    }

    @Test
    void aFailedProxyIsToldTheTargetsHostAloneNeverItsUserInfoPortPathOrQuery() {
        Heard heard = new Heard();
        ProxySelector selector = new RoutingProxySelector(routing::get, Purpose.INFERENCE, HttpClientKind.JDK_HTTP_CLIENT, heard);
        URI target = URI.create("https://user:hunter2@api.example.com:8443/v1/models?key=sk-123");

        selector.connectFailed(target, selector.select(target).get(0).address(), new IOException("connection refused"));

        assertThat(heard.lines).containsExactly("inference PROXY_FOR_PURPOSE", "inference PROXY CONNECT_FAILED api.example.com");
    }

    @Test
    void thePortIsTheExplicitOneOrTheSchemesDefault() {
        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://proxy.corp:3128")
                .noProxy("api.example.com:443,api.example.com:8443").build()));
        ProxySelector selector = selector(HttpClientKind.OKHTTP);

        assertThat(selector.select(HTTPS_TARGET)).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://api.example.com:8443/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(HTTP_TARGET)).as("port 80 is not exempt").doesNotContain(Proxy.NO_PROXY);
    }

    @Test
    void aTargetWithoutAParseableHostIsNeverRouted() {
        ProxySelector selector = selector(HttpClientKind.URL_CONNECTION);

        assertThatThrownBy(() -> selector.select(URI.create("http://bad_name.example.com/")))
                .isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> selector.select(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherSchemesThanHttpAreNoRequestOfThePurposeAndAreLeftDirect() {
        routing.set(router(ProxyType.HTTP, "http://proxy.corp:3128"));

        // What a raw Socket (a database driver) asks the JVM default selector: not HTTP traffic of this purpose.
        assertThat(selector(HttpClientKind.URL_CONNECTION).select(URI.create("socket://db.example.com:5432")))
                .containsExactly(Proxy.NO_PROXY);
    }

    @ParameterizedTest
    @EnumSource(value = HttpClientKind.class, names = "JDK_HTTP_CLIENT", mode = EnumSource.Mode.EXCLUDE)
    void aRouteWithAProxyOfItsOwnIsAnsweredWithThatProxyAndADirectRouteWithDirect(HttpClientKind client) {
        routing.set(ProxyRouter.compile(config(ProxyType.HTTP, "http://proxy.corp:3128").build(), ProxyRoutes.builder()
                .add("direct.example", ProxyRoute.ALL_PURPOSES, RouteVia.DIRECT)
                .add("api.example.com", ProxyRoute.ALL_PURPOSES, RouteProxy.builder().type(ProxyType.SOCKS5)
                        .url("socks5://second.corp:1081"))
                .build()));

        assertThat(selector(client).select(HTTPS_TARGET)).containsExactly(proxy(Proxy.Type.SOCKS, "second.corp", 1081));
        assertThat(selector(client).select(URI.create("https://direct.example/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector(client).select(URI.create("https://other.example/"))).containsExactly(proxy(Proxy.Type.HTTP, "proxy.corp", 3128));
    }

    /** What an observer heard, one line an event: each answer's rule, each failed proxy's route, kind and host. */
    private static final class Heard implements org.proxyconfig.adapters.egress.EgressObserver {
        final List<String> lines = new java.util.ArrayList<>();

        @Override
        public void routed(Purpose purpose, RouteDecision decision) {
            lines.add(purpose.wireName() + " " + decision.decidedBy());
        }

        @Override
        public void failed(Purpose purpose, RouteDecision decision, org.proxyconfig.domain.EgressFailure kind, String host) {
            lines.add(purpose.wireName() + " " + decision.route() + " " + kind + " " + host);
        }
    }
}
