package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigChangesTest {

    private static ProxyConfig config(String url, String password, String noProxy, int timeout) {
        return ProxyConfig.builder().enabled(true).url(url).username("user").password(Secret.of(password))
                .noProxy(noProxy).timeoutSeconds(timeout).enableForScim(true).build();
    }

    @Test
    void nothingChangedBetweenEqualConfigurations() {
        assertThat(ConfigChanges.between(config("p.example:1", "pw", "", 0), config("p.example:1", "pw", "", 0)))
                .isEmpty();
    }

    @Test
    void namesEachChangedFieldByWireNameInSpecOrder() {
        assertThat(ConfigChanges.between(
                config("p.example:1", "pw", ".a.example", 0),
                config("q.example:1", "pw", ".b.example", 5)))
                .containsExactly("url", "no_proxy", "timeout");
    }

    @Test
    void aChangedPasswordIsNamedButNotShown() {
        assertThat(ConfigChanges.between(config("p.example:1", "old", "", 0), config("p.example:1", "new", "", 0)))
                .containsExactly("password");
    }

    @Test
    void fromTheDefaultsEverySetFieldCounts() {
        assertThat(ConfigChanges.between(ProxyConfig.DEFAULTS, config("p.example:1", "pw", "", 0)))
                .containsExactly("enabled", "url", "username", "password", "enable_for_scim");
    }

    private static ProxyRoutes routesVia(String password) {
        return ProxyRoutes.builder().add("b.example", ProxyRoute.ALL_PURPOSES,
                RouteProxy.builder().url("http://second.example:8080").username("bob").password(Secret.of(password))).build();
    }

    @Test
    void changedRoutesAreNamedRoutesAfterTheFields() {
        ProxyConfig config = config("p.example:1", "pw", "", 0);

        assertThat(ConfigChanges.between(config, ProxyRoutes.NONE, config("q.example:1", "pw", "", 0), routesVia("a")))
                .containsExactly("url", "routes");
        assertThat(ConfigChanges.between(config, routesVia("a"), config, routesVia("a"))).isEmpty();
    }

    @Test
    void aChangedRoutePasswordChangesTheRoutesButIsNotShown() {
        ProxyConfig config = config("p.example:1", "pw", "", 0);

        assertThat(ConfigChanges.between(config, routesVia("old-secret"), config, routesVia("new-secret")))
                .containsExactly("routes");
    }
}
