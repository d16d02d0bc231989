package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.proxyconfig.domain.RouteDecision.DecidedBy;
import org.proxyconfig.domain.RouteDecision.Route;

/** The decision with per-target routes: which route decides, in which order, and what it leads to. */
class ProxyRouterRoutesTest {

    private static final ProxyEndpoint MAIN = new ProxyEndpoint("http", "proxy.corp", 3128);
    private static final ProxyEndpoint SECOND = new ProxyEndpoint("http", "second.corp", 8080);
    private static final Set<Purpose> ALL = ProxyRoute.ALL_PURPOSES;

    /** Six routes, one of each kind worth telling apart; the main no_proxy sends .internal direct. */
    private static final ProxyRoutes ROUTES = ProxyRoutes.builder()
            .add(".anthropic.com", ALL, RouteVia.DIRECT)                                  // 0
            .add("api.openai.com", Set.of(Purpose.INFERENCE), second())                  // 1
            .add(".openai.com", ALL, RouteVia.DIRECT)                                     // 2
            .add("10.0.0.0/8:443, [fd00::/8]", ALL, second())                             // 3
            .add("git.internal", ALL, RouteVia.DEFAULT)                                   // 4
            .add("*.vendor.example:8443", Set.of(Purpose.SCIM, Purpose.API), second())   // 5
            .build();

    private static ProxyRouter router(UnaryOperator<TestConfigs> main) {
        return ProxyRouter.compile(TestConfigs.with(c -> main.apply(c.noProxy(".internal"))).build(), ROUTES);
    }

    private static RouteProxy.Builder second() {
        return RouteProxy.builder().url("http://second.corp:8080").username("bob").password(Secret.of("s3cret"));
    }

    @ParameterizedTest(name = "{0} {1}:{2} → route {3}, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # purpose | host              | port | route | goes   | describe
            INFERENCE | api.anthropic.com | 443  | 0     | DIRECT | route 0 (match .anthropic.com) → direct
            SCIM      | anthropic.com     | 443  | 0     | DIRECT | route 0 (match .anthropic.com) → direct
            INFERENCE | api.openai.com    | 443  | 1     | PROXY  | route 1 (match api.openai.com) → proxy http://second.corp:8080
            INFERENCE | API.OpenAI.com    | 443  | 1     | PROXY  | route 1 (match api.openai.com) → proxy http://second.corp:8080
            API       | api.openai.com    | 443  | 2     | DIRECT | route 2 (match .openai.com) → direct
            INFERENCE | cdn.openai.com    | 443  | 2     | DIRECT | route 2 (match .openai.com) → direct
            API       | 10.20.30.40       | 443  | 3     | PROXY  | route 3 (match 10.0.0.0/8:443,[fd00::/8]) → proxy http://second.corp:8080
            API       | fd00::7           | 80   | 3     | PROXY  | route 3 (match 10.0.0.0/8:443,[fd00::/8]) → proxy http://second.corp:8080
            API       | [fd00::7]         | 443  | 3     | PROXY  | route 3 (match 10.0.0.0/8:443,[fd00::/8]) → proxy http://second.corp:8080
            API       | ::ffff:10.1.1.1   | 443  | 3     | PROXY  | route 3 (match 10.0.0.0/8:443,[fd00::/8]) → proxy http://second.corp:8080
            API       | git.internal      | 443  | 4     | PROXY  | route 4 (match git.internal) → default
            SCIM      | a.vendor.example  | 8443 | 5     | PROXY  | route 5 (match *.vendor.example:8443) → proxy http://second.corp:8080
            """)
    void theFirstMatchingRouteDecidesAndIsNamed(Purpose purpose, String host, int port, int index, Route goes, String describe) {
        RouteDecision decision = router(c -> c).decide(purpose, host, port);

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.ROUTE);
        assertThat(decision.route()).isEqualTo(goes);
        assertThat(decision.matchedRoute()).hasValueSatisfying(m -> {
            assertThat(m.index()).isEqualTo(index);
            assertThat(m.route()).isSameAs(ROUTES.get(index));
        });
        assertThat(decision.rule()).isEqualTo(ROUTES.get(index).match().normalized());
        assertThat(decision.describe()).isEqualTo(describe);
    }

    @ParameterizedTest(name = "{0} {1}:{2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # no route fits: the port, the purpose or the host differ, so today's rules decide
            INFERENCE | 10.20.30.40       | 80   | PROXY_FOR_PURPOSE
            API       | a.vendor.example  | 443  | PROXY_FOR_PURPOSE
            INFERENCE | a.vendor.example  | 8443 | PROXY_FOR_PURPOSE
            API       | vendor.example    | 8443 | PROXY_FOR_PURPOSE
            API       | 11.0.0.1          | 443  | PROXY_FOR_PURPOSE
            API       | fe00::1           | 443  | PROXY_FOR_PURPOSE
            API       | anthropic.com.evil.io | 443 | PROXY_FOR_PURPOSE
            API       | build.internal    | 443  | NO_PROXY_ENTRY
            """)
    void fallsBackToTodaysRulesWhenNoRouteMatches(Purpose purpose, String host, int port, DecidedBy decidedBy) {
        RouteDecision decision = router(c -> c).decide(purpose, host, port);

        assertThat(decision.decidedBy()).isEqualTo(decidedBy);
        assertThat(decision.matchedRoute()).isEmpty();
        if (decidedBy == DecidedBy.PROXY_FOR_PURPOSE) assertThat(decision.proxy()).contains(MAIN);
    }

    @Test
    void givesTheRoutesOwnProxyWithItsCredentials() {
        RouteDecision decision = router(c -> c).decide(Purpose.INFERENCE, "api.openai.com", 443);

        assertThat(decision.proxy()).contains(SECOND);
        assertThat(decision.routeProxy()).hasValueSatisfying(p -> {
            assertThat(p.username()).isEqualTo("bob");
            assertThat(p.password().reveal()).isEqualTo("s3cret");
        });
        assertThat(router(c -> c).decide(Purpose.API, "git.internal", 443).routeProxy())
                .as("default uses the main configuration's options").isEmpty();
        assertThat(router(c -> c).decide(Purpose.API, "api.openai.com", 443).routeProxy()).as("direct").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void masterSwitchOffBeatsEveryRoute(Purpose purpose) {
        ProxyRouter router = router(c -> c.enabled(false));

        for (String host : new String[] {"api.openai.com", "api.anthropic.com", "10.1.1.1", "git.internal"}) {
            assertThat(router.decide(purpose, host, 443).decidedBy()).as(host).isEqualTo(DecidedBy.PROXY_DISABLED);
        }
    }

    @Test
    void alwaysDirectHostsBeatARoute() {
        ProxyRoutes everything = ProxyRoutes.builder().add("*, 127.0.0.0/8, 169.254.0.0/16", ALL, second()).build();
        ProxyRouter router = ProxyRouter.compile(TestConfigs.valid().build(), everything);

        for (String host : new String[] {"localhost", "127.0.0.1", "169.254.169.254", "metadata.google.internal", "::1"}) {
            assertThat(router.decide(Purpose.API, host, 443).decidedBy()).as(host).isEqualTo(DecidedBy.ALWAYS_DIRECT_HOST);
        }
        assertThat(router.decide(Purpose.API, "example.com", 443).decidedBy()).isEqualTo(DecidedBy.ROUTE);
    }

    @Test
    void aRouteToDefaultGoesThroughTheMainProxyEvenForAHostTheMainNoProxyBypasses() {
        RouteDecision decision = router(c -> c).decide(Purpose.API, "git.internal", 443);

        assertThat(decision.route()).isEqualTo(Route.PROXY);
        assertThat(decision.proxy()).contains(MAIN);
    }

    @Test
    void aRouteToDefaultGoesDirectWhenTheMainProxyIsOffForThePurpose() {
        RouteDecision decision = router(c -> c.purposes(true, true, false)).decide(Purpose.API, "git.internal", 443);

        assertThat(decision.route()).isEqualTo(Route.DIRECT);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.ROUTE);
        assertThat(decision.proxy()).isEmpty();
        assertThat(decision.describe())
                .isEqualTo("route 4 (match git.internal) → default, but the proxy is not enabled for this purpose: direct");
    }

    @Test
    void aRouteWithItsOwnProxyAppliesWhenTheMainProxyIsOffForThePurpose() {
        ProxyRouter router = router(c -> c.purposes(true, false, true));

        assertThat(router.decide(Purpose.INFERENCE, "api.openai.com", 443).proxy()).contains(SECOND);
        assertThat(router.decide(Purpose.INFERENCE, "example.com", 443).decidedBy())
                .as("no route: the purpose's switch still decides").isEqualTo(DecidedBy.PURPOSE_DISABLED);
    }

    @Test
    void theFirstRouteWinsOverALaterOneForTheSameHost() {
        ProxyRoutes routes = ProxyRoutes.builder()
                .add("api.example.com", ALL, RouteVia.DIRECT)
                .add(".example.com", ALL, second())
                .add("api.example.com", ALL, second())
                .build();
        ProxyRoutes reversed = ProxyRoutes.builder()
                .add(".example.com", ALL, second())
                .add("api.example.com", ALL, RouteVia.DIRECT)
                .build();

        assertThat(ProxyRouter.compile(TestConfigs.valid().build(), routes).decide(Purpose.API, "api.example.com", 443)
                .matchedRoute().orElseThrow().index()).isZero();
        assertThat(ProxyRouter.compile(TestConfigs.valid().build(), reversed).decide(Purpose.API, "api.example.com", 443)
                .route()).isEqualTo(Route.PROXY);
    }

    @Test
    void aRouteForOtherPurposesLetsALaterRouteDecide() {
        RouteDecision decision = router(c -> c).decide(Purpose.API, "api.openai.com", 443);

        assertThat(decision.matchedRoute().orElseThrow().index()).as("route 1 is for inference only").isEqualTo(2);
    }

    @Test
    void findsTheFirstRouteAmongMoreEntriesThanAScannedList() {
        ProxyRoutes.Builder many = ProxyRoutes.builder();
        for (int i = 0; i < NoProxyRules.SMALL_LIST + 10; i++) many.add("host" + i + ".example", ALL, RouteVia.DIRECT);
        many.add(".example", ALL, second()).add("host3.example", ALL, second());
        ProxyRouter router = ProxyRouter.compile(TestConfigs.valid().build(), many.build());

        assertThat(router.decide(Purpose.API, "host3.example", 443).matchedRoute().orElseThrow().index()).isEqualTo(3);
        assertThat(router.decide(Purpose.API, "other.example", 443).matchedRoute().orElseThrow().index())
                .isEqualTo(NoProxyRules.SMALL_LIST + 10);
    }

    @Test
    void thePurposesSwitchOffStillBeatsTheNoProxyListWhenNoRouteMatches() {
        RouteDecision decision = router(c -> c.purposes(true, false, true)).decide(Purpose.INFERENCE, "build.internal", 443);

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.PURPOSE_DISABLED);
    }

    @ParameterizedTest(name = "{0} routes")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, NoProxyRules.SMALL_LIST + 10}) // a scanned list, an indexed one
    void reportsTheMainNoProxyEntryBehindTheRoutesWhateverTheirNumber(int count) {
        ProxyRoutes.Builder many = ProxyRoutes.builder();
        for (int i = 0; i < count; i++) many.add("host" + i + ".example", ALL, RouteVia.DIRECT);
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.noProxy("a.example, .internal, 10.0.0.0/8")).build(), many.build());

        assertThat(router.decide(Purpose.API, "git.internal", 443).rule()).isEqualTo(".internal");
        assertThat(router.decide(Purpose.API, "10.1.2.3", 443).rule()).isEqualTo("10.0.0.0/8");
        assertThat(router.decide(Purpose.API, "[::ffff:10.1.2.3]", 443).rule()).isEqualTo("10.0.0.0/8");
        assertThat(router.decide(Purpose.API, "host1.example", 443).decidedBy()).isEqualTo(DecidedBy.ROUTE);
        assertThat(router.decide(Purpose.API, "elsewhere.example", 443).proxy()).contains(MAIN);
    }

    @Test
    void stillRefusesAnUnparsableTarget() {
        assertThatThrownBy(() -> router(c -> c).decide(Purpose.API, "0177.0.0.1", 443)).isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> router(c -> c).decide(Purpose.API, "api.openai.com", 0)).isInstanceOf(InvalidTargetException.class);
    }

    @Test
    void withoutRoutesDecidesAsBefore() {
        ProxyConfig config = TestConfigs.with(c -> c.purposes(true, true, false)).build();

        assertThat(ProxyRouter.compile(config, ProxyRoutes.NONE).decide(Purpose.API, "not a host", 443).decidedBy())
                .as("the purpose's switch still comes before the target is read").isEqualTo(DecidedBy.PURPOSE_DISABLED);
        assertThat(ProxyRouter.compile(config).routes()).isSameAs(ProxyRoutes.NONE);
    }
}
