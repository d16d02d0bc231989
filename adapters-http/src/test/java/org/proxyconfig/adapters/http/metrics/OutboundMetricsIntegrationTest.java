package org.proxyconfig.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.egress.EgressException;
import org.proxyconfig.adapters.egress.EgressOptions;
import org.proxyconfig.adapters.egress.OutboundClients;
import org.proxyconfig.adapters.egress.OutboundRequest;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.RealProxyFixture;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/**
 * The outbound counters move exactly as the traffic did, through a real tinyproxy: one request
 * through the proxy, one direct by {@code no_proxy}, one direct because its purpose is off, one
 * refused with 407 (to the CONNECT of an https target) — each counted once, under its labels, and nothing else counted;
 * and each new connection timed once, a pooled one not. The traffic log, told by the same observer,
 * keeps the refused request's target host.
 */
class OutboundMetricsIntegrationTest {

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();


    private static ProxyRouter router(String password) {
        return ProxyRouter.compile(ProxyConfig.builder().enabled(true).type(ProxyType.HTTP)
                .url("http://127.0.0.1:" + real.proxies().tinyproxyAuth.port).username(RealProxies.USER).password(Secret.of(password))
                .noProxy(real.targets().hostName).timeoutSeconds(5).enableForInference(true).caCertPem(real.pki().certificatePem).build());
    }

    private static double count(Metrics metrics, String name, String... tags) {
        return metrics.registry().get(name).tags(tags).counter().count();
    }

    private static double total(Metrics metrics, String name) {
        return metrics.registry().get(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void eachRequestIsCountedOnceUnderItsRouteAndRuleAndA407AsAProxyAuthFailure() throws Exception {
        try (Metrics metrics = new Metrics()) {
            AtomicReference<ProxyRouter> active = new AtomicReference<>(router(RealProxies.PASSWORD));
            try (OutboundClients clients = new OutboundClients(active::get, EgressOptions.defaults().withObserver(metrics.egress()))) {
                int before = real.proxies().tinyproxyAuth.mark();

                assertThat(clients.inference().send(OutboundRequest.get(real.targets().https("/through-the-proxy"))).status()).isEqualTo(200);
                assertThat(clients.inference().send(OutboundRequest.get(real.targets().https("/through-the-proxy-again"))).status()).isEqualTo(200);
                assertThat(clients.inference().send(OutboundRequest.get(real.targets().named("/by-no-proxy"))).status()).isEqualTo(200);
                assertThat(clients.api().send(OutboundRequest.get(real.targets().http("/purpose-off"))).status()).isEqualTo(200);
                active.set(router("not-the-password"));
                assertThatThrownBy(() -> clients.inference().send(OutboundRequest.get(real.targets().https("/refused"))))
                        .isInstanceOfSatisfying(EgressException.class, e -> assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_AUTH_REQUIRED));

                assertThat(real.proxies().tinyproxyAuth.since(before)).contains("CONNECT " + real.targets().ip).doesNotContain("by-no-proxy")
                        .doesNotContain("purpose-off");
            }
            String requests = "proxy_config.outbound.requests";
            assertThat(count(metrics, requests, "purpose", "inference", "route", "proxy", "decided_by", "proxy")).isEqualTo(3);
            assertThat(count(metrics, requests, "purpose", "inference", "route", "direct", "decided_by", "no_proxy")).isEqualTo(1);
            assertThat(count(metrics, requests, "purpose", "api", "route", "direct", "decided_by", "purpose_disabled")).isEqualTo(1);
            assertThat(total(metrics, requests)).isEqualTo(5);
            String failures = "proxy_config.outbound.failures";
            assertThat(count(metrics, failures, "purpose", "inference", "route", "proxy", "kind", "proxy_auth_required")).isEqualTo(1);
            assertThat(total(metrics, failures)).isEqualTo(1);
            // New connections only: one tunnel through the proxy (the second https request reused it; the
            // refused tunnel never became one), one to each of the two direct targets' origins.
            String connects = "proxy_config.outbound.connect";
            assertThat(metrics.registry().get(connects).tag("route", "proxy").timer().count()).isEqualTo(1);
            assertThat(metrics.registry().get(connects).tag("route", "direct").timer().count()).isEqualTo(2);
            assertThat(metrics.registry().get(connects).tag("route", "proxy").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                    .isPositive();
            // The traffic log heard the same: the refused request's host alone, no port, user or path.
            TrafficLog.PurposeTraffic inference = metrics.traffic().snapshot().purposes().stream()
                    .filter(p -> p.purpose() == org.proxyconfig.domain.Purpose.INFERENCE).findFirst().orElseThrow();
            assertThat(inference.proxy()).isEqualTo(3);
            assertThat(inference.direct()).isEqualTo(1);
            assertThat(inference.lastProxyFailure()).hasValueSatisfying(failure -> {
                assertThat(failure.kind()).isEqualTo(EgressFailure.PROXY_AUTH_REQUIRED);
                assertThat(failure.host()).isEqualTo(real.targets().ip);
            });
            // No label value is a host (this machine's name may be as short as "vm": only label values are looked at).
            // The one address a label holds is the configured proxy's, in the proxy label.
            String scrape = metrics.scrape();
            assertThat(scrape).doesNotContain(RealProxies.PASSWORD).doesNotContain(real.targets().ip)
                    .doesNotContain("\"" + real.targets().hostName);
            assertThat(scrape.lines().filter(line -> line.contains("127.0.0.1")))
                    .isNotEmpty().allMatch(line -> line.contains("proxy=\"127.0.0.1:" + real.proxies().tinyproxyAuth.port + "\""));
        }
    }
}
