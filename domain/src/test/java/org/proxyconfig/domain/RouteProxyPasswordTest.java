package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The stored-password guard for route proxies, as for the main object (ProxyConfigDraftTest):
 * {@code "<redacted>"} keeps a stored password only for the same party, never for a new one.
 */
class RouteProxyPasswordTest {

    private static final String PASSWORD = "hunter2-Sup3rS3cret";
    private static final Set<Purpose> ALL = ProxyRoute.ALL_PURPOSES;
    private static final ProxyRoutes STORED = ProxyRoutes.builder()
            .add(".a.example", ALL, RouteVia.DIRECT)
            .add("b.example", ALL, RouteProxy.builder().url("http://second.corp:8080").username("bob").password(Secret.of(PASSWORD)))
            .build();

    private static RouteProxy.Builder keeping(ProxyType type, String url, String username) {
        return RouteProxy.builder().type(type).url(url).username(username).password(Secret.of(Secret.REDACTED));
    }

    @ParameterizedTest(name = "{0} at index {1}")
    @CsvSource({
            "http://second.corp:8080, 1",
            "http://second.corp:9090, 1",  // the port may change, as for the main object
            "http://SECOND.corp:8080, 0",  // another place in the list: the party, not the index, counts
    })
    void keepsTheStoredPasswordOfTheSameProxy(String url, int index) {
        ProxyRoutes.Builder builder = ProxyRoutes.builderAgainst(STORED);
        if (index == 1) builder.add(".a.example", ALL, RouteVia.DIRECT);

        ProxyRoutes resolved = builder.add("c.example", ALL, keeping(ProxyType.HTTP, url, "bob")).build();

        assertThat(resolved.get(index).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(PASSWORD);
    }

    @ParameterizedTest(name = "{0} {1} user {2}")
    @CsvSource({
            "HTTP,   http://other.corp:8080,            bob",
            "HTTP,   http://second.corp.evil.io:8080,   bob",
            "SOCKS5, socks5://second.corp:8080,         bob",
            "HTTP,   http://second.corp:8080,           eve",
    })
    void refusesToKeepTheStoredPasswordForAnotherParty(ProxyType type, String url, String username) {
        KeptPasswordRefusals.assertRefused(
                () -> ProxyRoutes.builderAgainst(STORED).add("c.example", ALL, keeping(type, url, username)),
                "routes[0].via.password", PASSWORD);
    }

    @Test
    void refusesToGuessBetweenStoredProxiesThatDisagree() {
        ProxyRoutes stored = ProxyRoutes.builder()
                .add("a.example", ALL, RouteProxy.builder().url("http://p.corp:1").username("bob").password(Secret.of("one")))
                .add("b.example", ALL, RouteProxy.builder().url("http://p.corp:2").username("bob").password(Secret.of("two")))
                .build();

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> ProxyRoutes.builderAgainst(stored).add("c.example", ALL, keeping(ProxyType.HTTP, "http://p.corp:1", "bob")));

        assertThat(e.field()).isEqualTo("routes[0].via.password");
        assertThat(e.reason()).contains("different passwords");
    }

    @Test
    void checksTheOtherFieldsBeforeLookingForAStoredPassword() {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> ProxyRoutes.builderAgainst(STORED).add("c.example", ALL, keeping(ProxyType.HTTP, "http://second.corp:8080", "bob").timeoutSeconds(-1)));

        assertThat(e.field()).isEqualTo("routes[0].via.timeout");
    }
}
