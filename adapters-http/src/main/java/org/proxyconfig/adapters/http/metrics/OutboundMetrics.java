package org.proxyconfig.adapters.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * {@code proxy_config_outbound_requests_total{purpose,route,decided_by}} and
 * {@code proxy_config_outbound_failures_total{purpose,route,kind}}: every combination exists from
 * the start at 0 (a series born at its first event breaks {@code rate()} and alerts), and counting
 * is one array lookup and an add, no label lookup on the request's path.
 */
public final class OutboundMetrics implements EgressObserver {

    private final Map<Purpose, Map<RouteDecision.DecidedBy, Map<RouteDecision.Route, Counter>>> requests = new EnumMap<>(Purpose.class);
    private final Map<Purpose, Map<RouteDecision.Route, Map<EgressFailure, Counter>>> failures = new EnumMap<>(Purpose.class);
    private final Map<RouteDecision.Route, Timer> connects = new EnumMap<>(RouteDecision.Route.class);

    /** From a LAN proxy's few milliseconds to a connect timeout (the configuration allows up to 300 s). */
    private static final Duration[] CONNECT_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    OutboundMetrics(MeterRegistry registry) {
        for (RouteDecision.Route route : RouteDecision.Route.values()) {
            connects.put(route, Timer.builder("proxy_config.outbound.connect")
                    .description("DNS, connect, proxy handshake and TLS of each new outbound connection (pooled reuse is none)")
                    .tag("route", Labels.route(route)).serviceLevelObjectives(CONNECT_BUCKETS).register(registry));
        }
        for (Purpose purpose : Purpose.values()) {
            Map<RouteDecision.DecidedBy, Map<RouteDecision.Route, Counter>> byRule = new EnumMap<>(RouteDecision.DecidedBy.class);
            for (RouteDecision.DecidedBy rule : RouteDecision.DecidedBy.values()) {
                Map<RouteDecision.Route, Counter> byRoute = new EnumMap<>(RouteDecision.Route.class);
                for (RouteDecision.Route route : Labels.routesOf(rule)) {
                    byRoute.put(route, Counter.builder("proxy_config.outbound.requests")
                            .description("Outbound requests by the outbound clients and the bridges, by route and deciding rule")
                            .tag("purpose", Labels.purpose(purpose)).tag("route", Labels.route(route))
                            .tag("decided_by", Labels.decidedBy(rule)).register(registry));
                }
                byRule.put(rule, byRoute);
            }
            requests.put(purpose, byRule);
            Map<RouteDecision.Route, Map<EgressFailure, Counter>> byRoute = new EnumMap<>(RouteDecision.Route.class);
            for (RouteDecision.Route route : RouteDecision.Route.values()) {
                Map<EgressFailure, Counter> byKind = new EnumMap<>(EgressFailure.class);
                for (EgressFailure kind : EgressFailure.values()) {
                    byKind.put(kind, Counter.builder("proxy_config.outbound.failures")
                            .description("Outbound requests that failed before their answer was complete, by kind")
                            .tag("purpose", Labels.purpose(purpose)).tag("route", Labels.route(route))
                            .tag("kind", Labels.kind(kind)).register(registry));
                }
                byRoute.put(route, byKind);
            }
            failures.put(purpose, byRoute);
        }
    }

    @Override
    public void routed(Purpose purpose, RouteDecision decision) {
        requests.get(purpose).get(decision.decidedBy()).get(decision.route()).increment();
    }

    @Override
    public void connected(RouteDecision.Route route, Duration setup) {
        connects.get(route).record(setup);
    }

    /** The host is no label (unbounded): only {@link TrafficLog} keeps one. */
    @Override
    public void failed(Purpose purpose, RouteDecision decision, EgressFailure kind, String host) {
        failures.get(purpose).get(decision.route()).get(kind).increment();
    }
}
