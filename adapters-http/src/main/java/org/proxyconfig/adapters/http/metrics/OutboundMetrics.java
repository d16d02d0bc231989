package org.proxyconfig.adapters.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * {@code proxy_config_outbound_requests_total{purpose,route,decided_by}} and
 * {@code proxy_config_outbound_failures_total{purpose,route,kind}}: every combination exists from
 * the start at 0 (a series born at its first event breaks {@code rate()} and alerts), and counting
 * is one array lookup and an add, no label lookup on the request's path. Per proxy — the
 * {@code proxy} label, the configured proxy's {@code host:port} ({@link ProxyLabels}):
 * {@code proxy_config_outbound_connect_seconds{route,proxy}} and
 * {@code proxy_config_proxy_set_aside_total{proxy}}, at 0 from the first request routed through the
 * proxy's list.
 */
public final class OutboundMetrics implements EgressObserver {

    private final Map<Purpose, Map<RouteDecision.DecidedBy, Map<RouteDecision.Route, Counter>>> requests = new EnumMap<>(Purpose.class);
    private final Map<Purpose, Map<RouteDecision.Route, Map<EgressFailure, Counter>>> failures = new EnumMap<>(Purpose.class);
    private final MeterRegistry registry;
    private final ProxyLabels proxyLabels = new ProxyLabels();
    /** By route, then by {@code proxy} label ({@link ProxyLabels#NONE} when direct). */
    private final Map<RouteDecision.Route, Map<String, Timer>> connects = new EnumMap<>(RouteDecision.Route.class);
    /** By {@code proxy} label. */
    private final Map<String, Counter> setAside = new ConcurrentHashMap<>();
    /**
     * The proxy lists whose series are registered (by value: a router compiled again has new but
     * equal lists), so a request through one registers nothing, whichever route it takes; forgotten
     * past {@value #REMEMBERED_LISTS}, as configurations come and go (registering again finds the series there).
     */
    private final Set<ProxyList> registered = ConcurrentHashMap.newKeySet();
    private static final int REMEMBERED_LISTS = 256;

    /** From a LAN proxy's few milliseconds to a connect timeout (the configuration allows up to 300 s). */
    private static final Duration[] CONNECT_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    OutboundMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RouteDecision.Route route : RouteDecision.Route.values()) connects.put(route, new ConcurrentHashMap<>());
        connectTimer(RouteDecision.Route.DIRECT, ProxyLabels.NONE);
        for (Purpose purpose : Purpose.values()) {
            requests.put(purpose, table(RouteDecision.DecidedBy.class, RouteDecision.Route.class, Labels::routesOf,
                    (rule, route) -> counter(registry, "proxy_config.outbound.requests",
                            "Outbound requests by the outbound clients and the bridges, by route and deciding rule",
                            purpose, route, "decided_by", Labels.decidedBy(rule))));
            failures.put(purpose, table(RouteDecision.Route.class, EgressFailure.class, route -> EnumSet.allOf(EgressFailure.class),
                    (route, kind) -> counter(registry, "proxy_config.outbound.failures",
                            "Outbound requests that failed before their answer was complete, by kind",
                            purpose, route, "kind", Labels.kind(kind))));
        }
    }

    /** One counter of a purpose and a route, and the label that sets the family apart. */
    private static Counter counter(MeterRegistry registry, String name, String description, Purpose purpose,
                                   RouteDecision.Route route, String label, String value) {
        return Counter.builder(name).description(description).tag("purpose", Labels.purpose(purpose))
                .tag("route", Labels.route(route)).tag(label, value).register(registry);
    }

    /**
     * A two-level lookup filled once: for each outer key, each inner key it has, its counter. Not
     * every pair exists (a rule decides only some routes), so the inner keys come from the outer one.
     */
    private static <O extends Enum<O>, I extends Enum<I>> Map<O, Map<I, Counter>> table(
            Class<O> outerKeys, Class<I> innerKeys, Function<O, Collection<I>> innerKeysOf, BiFunction<O, I, Counter> counter) {
        Map<O, Map<I, Counter>> table = new EnumMap<>(outerKeys);
        for (O outer : outerKeys.getEnumConstants()) {
            Map<I, Counter> row = new EnumMap<>(innerKeys);
            for (I inner : innerKeysOf.apply(outer)) {
                row.put(inner, counter.apply(outer, inner));
            }
            table.put(outer, row);
        }
        return table;
    }

    private Timer connectTimer(RouteDecision.Route route, String proxy) {
        return connects.get(route).computeIfAbsent(proxy, label -> Timer.builder("proxy_config.outbound.connect")
                .description("DNS, connect, proxy handshake and TLS of each new outbound connection (pooled reuse is none)")
                .tag("route", Labels.route(route)).tag("proxy", label).serviceLevelObjectives(CONNECT_BUCKETS)
                .register(registry));
    }

    private Counter setAsideCounter(String proxy) {
        return setAside.computeIfAbsent(proxy, label -> Counter.builder("proxy_config.proxy.set_aside")
                .description("Times a proxy of a list with fallbacks could not be used and was set aside for the cool-down")
                .tag("proxy", label).register(registry));
    }

    /**
     * The series of every proxy of the list a request is routed through, at 0 before any event
     * (a series born at its first increment hides that increment from {@code rate()}); once per list.
     */
    private void register(ProxyList list) {
        if (registered.contains(list)) return;
        for (ProxyEndpoint proxy : list.inOrder()) {
            String label = proxyLabels.of(proxy);
            connectTimer(RouteDecision.Route.PROXY, label);
            if (list.size() > 1) setAsideCounter(label);
        }
        if (registered.size() >= REMEMBERED_LISTS) registered.clear();
        registered.add(list);
    }

    @Override
    public void routed(Purpose purpose, RouteDecision decision) {
        requests.get(purpose).get(decision.decidedBy()).get(decision.route()).increment();
        if (decision.route() == RouteDecision.Route.PROXY) register(decision.proxies().orElseThrow());
    }

    @Override
    public void connected(RouteDecision.Route route, Optional<ProxyEndpoint> proxy, Duration setup) {
        connectTimer(route, proxy.map(proxyLabels::of).orElse(ProxyLabels.NONE)).record(setup);
    }

    @Override
    public void setAside(ProxyEndpoint proxy, EgressFailure kind) {
        setAsideCounter(proxyLabels.of(proxy)).increment();
    }

    /** The host is no label (unbounded): only {@link TrafficLog} keeps one. */
    @Override
    public void failed(Purpose purpose, RouteDecision decision, EgressFailure kind, String host) {
        failures.get(purpose).get(decision.route()).get(kind).increment();
    }
}
