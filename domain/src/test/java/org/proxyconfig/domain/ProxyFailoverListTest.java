package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fallback_urls} and {@code fallback_cooldown}: their rules, the ordered list they make for
 * the main configuration and a route's own proxy, the decision that carries it, and the
 * stored-password guard over the whole list.
 */
class ProxyFailoverListTest {

    private static final String PASSWORD = "hunter2-Sup3rS3cret";
    private static final Set<Purpose> ALL = ProxyRoute.ALL_PURPOSES;

    private static ProxyConfig.Builder main(String... fallbacks) {
        return ProxyConfig.builder().enabled(true).url("http://a.corp:3128").enableForApi(true)
                .fallbackUrls(List.of(fallbacks));
    }

    @Test
    void ordersTheUrlThenTheFallbacks() {
        ProxyConfig config = main("http://b.corp:3128", "https://c.corp:8443").fallbackCooldownSeconds(15).build();

        ProxyList proxies = config.proxies().orElseThrow();
        assertThat(proxies.inOrder()).extracting(ProxyEndpoint::authority)
                .containsExactly("a.corp:3128", "b.corp:3128", "c.corp:8443");
        assertThat(proxies.primary()).isEqualTo(config.endpoint().orElseThrow());
        assertThat(proxies.cooldownSeconds()).isEqualTo(15);
        assertThat(proxies.describe()).isEqualTo("http://a.corp:3128 (then http://b.corp:3128, https://c.corp:8443)");
    }

    @Test
    void defaultsToNoFallbackAndASixtySecondCooldown() {
        ProxyConfig config = main().build();

        assertThat(config.fallbackUrls()).isEmpty();
        assertThat(config.fallbackCooldownSeconds()).isEqualTo(60);
        assertThat(config.proxies().orElseThrow().inOrder()).containsExactly(config.endpoint().orElseThrow());
        assertThat(ProxyConfig.DEFAULTS.proxies()).isEmpty();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # fallback_urls                        | field            | reason
            http://b.corp:3128,http://a.corp:3128  | fallback_urls[1] | is the same proxy as url
            http://b.corp:3128,http://B.corp:3128  | fallback_urls[1] | is the same proxy as fallback_urls[0]
            socks5://b.corp:1080                   | fallback_urls[0] | socks5
            http://b.corp:99999                    | fallback_urls[0] | port
            ''                                     | fallback_urls[0] | is empty
            http://b.corp:1,http://b.corp:2,http://b.corp:3,http://b.corp:4,http://b.corp:5,http://b.corp:6,http://b.corp:7,http://b.corp:8,http://b.corp:9 | fallback_urls | at most 8
            """)
    void refusesABadFallbackNamingItsIndex(String fallbacks, String field, String reason) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> main(fallbacks.split(",", -1)).build());

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.reason()).contains(reason);
    }

    @Test
    void refusesAFallbackWithoutAUrlAndAControlCharacter() {
        InvalidFieldException noUrl = catchThrowableOfType(InvalidFieldException.class,
                () -> ProxyConfig.builder().fallbackUrls(List.of("http://b.corp:3128")).build());
        InvalidFieldException control = catchThrowableOfType(InvalidFieldException.class,
                () -> main("http://b.corp:3128\r\nX: y").build());

        assertThat(noUrl.field()).isEqualTo("fallback_urls");
        assertThat(noUrl.reason()).contains("needs a url");
        assertThat(control.field()).isEqualTo("fallback_urls[0]");
        assertThat(control.code()).isEqualTo("control_characters");
    }

    @ParameterizedTest
    @CsvSource({"0, false", "1, true", "86400, true", "86401, false", "-5, false"})
    void boundsTheCooldown(int seconds, boolean accepted) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> main().fallbackCooldownSeconds(seconds).build());

        if (accepted) {
            assertThat(e).isNull();
        } else {
            assertThat(e.field()).isEqualTo("fallback_cooldown");
            assertThat(e.code()).isEqualTo("invalid_fallback_cooldown");
        }
    }

    @Test
    void aRouteProxyTakesTheSameListUnderItsOwnName() {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> ProxyRoutes.builder()
                .add("x.example", ALL, RouteProxy.builder().url("http://r.corp:1").fallbackUrls(List.of("http://r.corp:1")))
                .build());
        ProxyRoutes routes = ProxyRoutes.builder()
                .add("x.example", ALL, RouteProxy.builder().url("http://r.corp:1").fallbackUrls(List.of("http://s.corp:2"))
                        .fallbackCooldownSeconds(5))
                .build();

        assertThat(e.field()).isEqualTo("routes[0].via.fallback_urls[0]");
        ProxyList proxies = routes.get(0).via().ownProxy().orElseThrow().proxies();
        assertThat(proxies.inOrder()).extracting(ProxyEndpoint::host).containsExactly("r.corp", "s.corp");
        assertThat(proxies.cooldownSeconds()).isEqualTo(5);
    }

    @Test
    void theDecisionCarriesTheWholeListAndNamesIt() {
        ProxyConfig config = main("http://b.corp:3128").build();
        ProxyRoutes routes = ProxyRoutes.builder()
                .add(".anthropic.com", ALL, RouteProxy.builder().url("http://r.corp:1").fallbackUrls(List.of("http://s.corp:2")))
                .build();
        ProxyRouter router = ProxyRouter.compile(config, routes);

        RouteDecision main = router.decide(Purpose.API, "api.openai.com", 443);
        RouteDecision routed = router.decide(Purpose.API, "api.anthropic.com", 443);

        assertThat(main.proxies()).isEqualTo(config.proxies());
        assertThat(main.proxy()).contains(new ProxyEndpoint("http", "a.corp", 3128));
        assertThat(routed.proxies().orElseThrow().inOrder()).extracting(ProxyEndpoint::host).containsExactly("r.corp", "s.corp");
        assertThat(routed.describe()).isEqualTo("route 0 (match .anthropic.com) → proxy http://r.corp:1 (then http://s.corp:2)");
    }

    // The stored-password guard covers every host of the list.

    private static final ProxyConfig STORED = main("http://b.corp:3128").username("gw").password(Secret.of(PASSWORD)).build();

    private static ProxyConfigDraft keeping(String url, String... fallbacks) {
        return ProxyConfigDraft.of(main(fallbacks).url(url).username("gw").password(Secret.of(Secret.REDACTED)).build());
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # url                    | fallback_urls: unchanged, a fallback removed, the pair swapped, a port changed
            http://a.corp:3128       | http://b.corp:3128
            http://a.corp:3128       | ''
            http://b.corp:3128       | http://a.corp:3128
            http://a.corp:9999       | http://b.corp:3128
            """)
    void keepsTheStoredPasswordWhileNoHostJoins(String url, String fallbacks) {
        String[] list = fallbacks.isEmpty() ? new String[0] : fallbacks.split(",");

        ProxyConfig resolved = keeping(url, list).resolveAgainst(STORED);

        assertThat(resolved.password().reveal()).isEqualTo(PASSWORD);
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # url                    | fallback_urls
            http://a.corp:3128       | http://b.corp:3128,http://evil.example:3128
            http://a.corp:3128       | http://evil.example:3128
            http://evil.example:3128 | http://b.corp:3128
            """)
    void refusesToKeepTheStoredPasswordWhenAHostJoins(String url, String fallbacks) {
        KeptPasswordRefusals.assertRefused(() -> keeping(url, fallbacks.split(",")).resolveAgainst(STORED), "password",
                PASSWORD);
    }

    @Test
    void aRouteProxyKeepsItsStoredPasswordOnlyWhileNoHostJoins() {
        ProxyRoutes stored = ProxyRoutes.builder()
                .add("x.example", ALL, RouteProxy.builder().url("http://r.corp:1").username("bob").password(Secret.of(PASSWORD))
                        .fallbackUrls(List.of("http://s.corp:2")))
                .build();
        RouteProxy.Builder swapped = RouteProxy.builder().url("http://s.corp:2").username("bob")
                .password(Secret.of(Secret.REDACTED)).fallbackUrls(List.of("http://r.corp:1"));
        RouteProxy.Builder widened = RouteProxy.builder().url("http://r.corp:1").username("bob")
                .password(Secret.of(Secret.REDACTED)).fallbackUrls(List.of("http://s.corp:2", "http://evil.example:2"));

        ProxyRoutes kept = ProxyRoutes.builderAgainst(stored).add("x.example", ALL, swapped).build();

        assertThat(kept.get(0).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(PASSWORD);
        KeptPasswordRefusals.assertRefused(() -> ProxyRoutes.builderAgainst(stored).add("x.example", ALL, widened),
                "routes[0].via.password", PASSWORD);
    }
}
