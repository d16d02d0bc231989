package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark compares like with like: on its rule mix, the router and both baselines agree on
 * every hit and every miss (so a fast number is not a wrong answer).
 */
class RoutingBaselinesTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000, 10000})
    void theRouterAndBothBaselinesAgreeOnEveryTarget(int size) {
        RuleMix mix = new RuleMix(size, 1024);
        ProxyRouter router = ProxyRouter.compile(ProxyConfig.builder().enabled(true).url("proxy.example:3128")
                .enableForScim(true).enableForInference(true).enableForApi(true).build(), NoProxyRules.of(mix.entries));
        LinearScanBaseline linear = new LinearScanBaseline(mix.entries);
        JdkRegexBaseline regex = new JdkRegexBaseline(mix.entries);

        for (RuleMix.Target hit : mix.hits) {
            assertThat(router.decide(Purpose.API, hit.host(), hit.port()).decidedBy()).as(hit.toString())
                    .isEqualTo(RouteDecision.DecidedBy.NO_PROXY_ENTRY);
            assertThat(linear.match(hit.host(), hit.port())).as(hit.toString()).isNotNegative();
            assertThat(regex.matches(hit.host())).as(hit.toString()).isTrue();
        }
        for (RuleMix.Target miss : mix.misses) {
            assertThat(router.decide(Purpose.API, miss.host(), miss.port()).route()).as(miss.toString())
                    .isEqualTo(RouteDecision.Route.PROXY);
            assertThat(linear.match(miss.host(), miss.port())).as(miss.toString()).isEqualTo(-1);
            assertThat(regex.matches(miss.host())).as(miss.toString()).isFalse();
        }
    }

    /** What {@code RoutingBenchmark.proxyRouterWithRoutes} measures is what it says it measures. */
    @ParameterizedTest
    @ValueSource(ints = {10, 10000})
    void theBenchmarksRouteHitsAreDecidedByARouteAndItsMissesByNothing(int size) {
        RuleMix mix = new RuleMix(size, 1024);
        RouteMix routes = new RouteMix(1024);
        ProxyRouter router = ProxyRouter.compile(ProxyConfig.builder().enabled(true).url("proxy.example:3128")
                .enableForInference(true).build(), NoProxyRules.of(mix.entries), routes.routes);

        assertThat(routes.routes.size()).isEqualTo(RouteMix.ROUTES);
        for (RuleMix.Target hit : routes.hits) {
            assertThat(router.decide(Purpose.INFERENCE, hit.host(), hit.port()).decidedBy()).as(hit.toString())
                    .isEqualTo(RouteDecision.DecidedBy.ROUTE);
        }
        for (RuleMix.Target miss : mix.misses) {
            assertThat(router.decide(Purpose.INFERENCE, miss.host(), miss.port()).decidedBy()).as(miss.toString())
                    .isEqualTo(RouteDecision.DecidedBy.PROXY_FOR_PURPOSE);
        }
    }
}
