package org.proxyconfig.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteVia;

/**
 * A per-target route may send a request either way, so its counts go by the route the request
 * took, not by the rule: {@code decided_by="route"} exists under both {@code route} values, and
 * the traffic panel counts a route's proxied request as through the proxy.
 */
class RouteDecisionsCountedTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OutboundMetrics metrics = new OutboundMetrics(registry);
    private final TrafficLog traffic = new TrafficLog(Clock.systemUTC());
    private final ProxyRouter router = ProxyRouter.compile(ProxyConfig.builder().enabled(true)
            .url("http://proxy.corp:3128").enableForInference(true).build(), ProxyRoutes.builder()
            .add(".direct.example", ProxyRoute.ALL_PURPOSES, RouteVia.DIRECT)
            .add(".proxied.example", ProxyRoute.ALL_PURPOSES, RouteVia.DEFAULT)
            .build());

    private double count(String route) {
        return registry.get("proxy_config.outbound.requests").tags("purpose", "inference", "decided_by", "route",
                "route", route).counter().count();
    }

    private void send(String host) {
        var decision = router.decide(Purpose.INFERENCE, host, 443);
        metrics.routed(Purpose.INFERENCE, decision);
        traffic.routed(Purpose.INFERENCE, decision);
    }

    @Test
    void aRouteCountsUnderTheRouteTheRequestTook() {
        assertThat(count("direct")).isZero();
        assertThat(count("proxy")).isZero();

        send("api.direct.example");
        send("api.proxied.example");
        send("b.proxied.example");

        assertThat(count("direct")).isEqualTo(1);
        assertThat(count("proxy")).isEqualTo(2);
        var inference = traffic.snapshot().purposes().get(Purpose.INFERENCE.ordinal());
        assertThat(inference.proxy()).isEqualTo(2);
        assertThat(inference.direct()).isEqualTo(1);
    }
}
