package org.proxyconfig.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/** The {@code proxy} label: the series of each configured proxy, at 0 before any event, and bounded. */
class ProxySeriesTest {

    private static final ProxyEndpoint A = new ProxyEndpoint("http", "a.corp", 3128);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OutboundMetrics metrics = new OutboundMetrics(registry);

    private static RouteDecision throughPair() {
        ProxyConfig config = ProxyConfig.builder().enabled(true).url("http://a.corp:3128")
                .fallbackUrls(List.of("http://b.corp:3128")).enableForApi(true).build();
        return ProxyRouter.compile(config).decide(Purpose.API, "api.example.com", 443);
    }

    private Counter setAside(String proxy) {
        return registry.get("proxy_config.proxy.set_aside").tag("proxy", proxy).counter();
    }

    @Test
    void everyProxyOfAListHasItsSeriesAtZeroFromTheFirstRequestRoutedThroughIt() {
        metrics.routed(Purpose.API, throughPair());

        assertThat(setAside("a.corp:3128").count()).isZero();
        assertThat(setAside("b.corp:3128").count()).isZero();
        assertThat(registry.get("proxy_config.outbound.connect").tags("route", "proxy", "proxy", "b.corp:3128").timer().count())
                .isZero();
    }

    @Test
    void countsASetAsideAndAConnectByTheProxy() {
        metrics.routed(Purpose.API, throughPair());

        metrics.setAside(A, EgressFailure.CONNECT_FAILED);
        metrics.connected(RouteDecision.Route.PROXY, Optional.of(new ProxyEndpoint("http", "b.corp", 3128)), Duration.ofMillis(4));
        metrics.connected(RouteDecision.Route.DIRECT, Optional.empty(), Duration.ofMillis(2));

        assertThat(setAside("a.corp:3128").count()).isEqualTo(1);
        assertThat(setAside("b.corp:3128").count()).isZero();
        assertThat(registry.get("proxy_config.outbound.connect").tags("route", "proxy", "proxy", "b.corp:3128").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("proxy_config.outbound.connect").tags("route", "direct", "proxy", "").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aStreamOfNewProxiesCannotGrowTheSeriesWithoutEnd() {
        IntStream.range(0, 100).forEach(i -> metrics.setAside(new ProxyEndpoint("http", "p" + i + ".corp", 3128),
                EgressFailure.TIMEOUT));

        List<String> labels = registry.find("proxy_config.proxy.set_aside").counters().stream()
                .map(c -> c.getId().getTag("proxy")).toList();
        assertThat(labels).hasSize(ProxyLabels.MAX + 1).contains(ProxyLabels.OTHER);
        assertThat(setAside(ProxyLabels.OTHER).count()).isEqualTo(100 - ProxyLabels.MAX);
    }
}
