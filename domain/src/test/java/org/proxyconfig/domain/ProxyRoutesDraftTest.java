package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyRoutesDraft.RouteDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.ViaDraft;

/** A client's routes, resolved against the stored ones with the rules of ProxyRoutes and errors named by index. */
class ProxyRoutesDraftTest {

    private static final String PASSWORD = "Route-Pa55-distinctive";
    private static final Set<Purpose> ALL = ProxyRoute.ALL_PURPOSES;

    private static ViaDraft.OwnProxy proxy(String type, String url, String password, long timeout) {
        return new ViaDraft.OwnProxy(type, url, "bob", password, timeout, true, "", java.util.List.of(), 60);
    }

    private static ProxyRoutesDraft draft(RouteDraft... routes) {
        return ProxyRoutesDraft.of(List.of(routes));
    }

    @Test
    void resolvesEachKindOfViaInOrder() {
        ProxyRoutes routes = draft(
                new RouteDraft(".a.example", ALL, new ViaDraft.Named(RouteVia.DIRECT)),
                new RouteDraft("b.example", Set.of(Purpose.API), new ViaDraft.Named(RouteVia.DEFAULT)),
                new RouteDraft("c.example", ALL, proxy("socks5", "socks5h://second.example:1080", PASSWORD, 7)))
                .resolveAgainst(ProxyRoutes.NONE);

        assertThat(routes.get(0).via()).isEqualTo(RouteVia.DIRECT);
        assertThat(routes.get(1).purposes()).containsExactly(Purpose.API);
        RouteProxy own = routes.get(2).via().ownProxy().orElseThrow();
        assertThat(own.type()).isEqualTo(ProxyType.SOCKS5);
        assertThat(own.password().reveal()).isEqualTo(PASSWORD);
        assertThat(own.timeoutSeconds()).isEqualTo(7);
        assertThat(own.skipTlsVerify()).isTrue();
    }

    @Test
    void anUnknownProxyTypeIsNamedByTheRouteIndex() {
        ProxyRoutesDraft draft = draft(new RouteDraft(".a.example", ALL, new ViaDraft.Named(RouteVia.DIRECT)),
                new RouteDraft("b.example", ALL, proxy("ftp", "second.example:21", "", 0)));

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> draft.resolveAgainst(ProxyRoutes.NONE));

        assertThat(e.field()).isEqualTo("routes[1].via.type");
        assertThat(e.code()).isEqualTo("invalid_proxy_type");
    }

    @Test
    void aTimeoutFarOutOfRangeReachesTheRangeRule() {
        ProxyRoutesDraft draft = draft(new RouteDraft("b.example", ALL, proxy("http", "second.example:8080", "", 1L << 40)));

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> draft.resolveAgainst(ProxyRoutes.NONE));

        assertThat(e.field()).isEqualTo("routes[0].via.timeout");
    }

    @Test
    void redactedKeepsTheStoredPasswordAndResolvesTheSameWayTwice() {
        ProxyRoutes stored = draft(new RouteDraft("b.example", ALL, proxy("http", "http://second.example:8080", PASSWORD, 0)))
                .resolveAgainst(ProxyRoutes.NONE);
        ProxyRoutesDraft keeping = draft(new RouteDraft("c.example", ALL,
                proxy("http", "http://second.example:9090", Secret.REDACTED, 0)));

        ProxyRoutes first = keeping.resolveAgainst(stored);
        ProxyRoutes again = keeping.resolveAgainst(stored); // a write run again after a lost connection

        assertThat(first.get(0).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(PASSWORD);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void theDraftNeverShowsAPassword() {
        ProxyRoutesDraft draft = draft(new RouteDraft("b.example", ALL, proxy("http", "second.example:8080", PASSWORD, 0)));

        assertThat(draft.toString()).contains("second.example:8080").doesNotContain(PASSWORD);
    }
}
