package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes compiled for the decision: for each purpose, the match entries of the routes that
 * apply to it in route order, then — when the purpose's switch is on — the main no_proxy entries,
 * concatenated into one {@link NoProxyRules}, with the decision of each entry made in advance. The
 * first matching entry of that list is then the first matching route, or else the first matching
 * no_proxy entry: one look-up per request whatever the number of routes (a miss would otherwise pay
 * two, docs/PERFORMANCE.md §1), and nothing allocated.
 */
final class RouteTable {

    /** By {@link Purpose#ordinal()}. */
    private final NoProxyRules[] entries = new NoProxyRules[Purpose.values().length];
    /** By purpose, then by entry of {@link #entries}: the decision of the route that entry belongs to. */
    private final RouteDecision[][] decisions = new RouteDecision[Purpose.values().length][];
    /** By purpose: what no entry matching means, the main proxy or the purpose's switch being off. */
    private final RouteDecision[] misses = new RouteDecision[Purpose.values().length];

    /**
     * @param noProxy     the main no_proxy rules, consulted after the routes
     * @param bypassedBy  the decision of each of their entries
     * @param proxied     the decision when nothing matched and the purpose's switch is on
     * @param switchedOff the decision when no route matched and the purpose's switch is off
     */
    RouteTable(ProxyRoutes routes, ProxyConfig config, NoProxyRules noProxy, RouteDecision[] bypassedBy,
               RouteDecision proxied, RouteDecision switchedOff) {
        for (Purpose purpose : Purpose.values()) {
            List<String> matches = new ArrayList<>();
            List<RouteDecision> owners = new ArrayList<>();
            for (int i = 0; i < routes.size(); i++) {
                ProxyRoute route = routes.get(i);
                if (!route.appliesTo(purpose)) continue;
                RouteDecision decision = decision(new MatchedRoute(i, route), purpose, config);
                for (String entry : route.match().entries()) {
                    matches.add(entry);
                    owners.add(decision);
                }
            }
            boolean on = config.enabledFor(purpose);
            // With the switch off the no_proxy entries are left out: they could only lead direct, as the switch does.
            if (on) {
                matches.addAll(noProxy.entries());
                owners.addAll(List.of(bypassedBy));
            }
            entries[purpose.ordinal()] = NoProxyRules.of(matches);
            decisions[purpose.ordinal()] = owners.toArray(RouteDecision[]::new);
            misses[purpose.ordinal()] = on ? proxied : switchedOff;
        }
    }

    /** The decision for a host {@link PlainTarget#scan} accepted, once the master switch is on. */
    RouteDecision plain(Purpose purpose, String host, long plain, int port) {
        return decision(purpose, entries[purpose.ordinal()].indexOfPlain(host, plain, port));
    }

    /** The same for a parsed target that is not always direct. */
    RouteDecision target(Purpose purpose, TargetHost target, int port) {
        return decision(purpose, entries[purpose.ordinal()].indexOf(target, port));
    }

    private RouteDecision decision(Purpose purpose, int entry) {
        return entry < 0 ? misses[purpose.ordinal()] : decisions[purpose.ordinal()][entry];
    }

    /**
     * {@code default} means the main proxy as the main configuration would use it for this
     * purpose: through it when the purpose's switch is on, direct when it is off (the switch says
     * this purpose never uses the main proxy). The main no_proxy list is not consulted: the route
     * already named the host, which is how one host of a bypassed domain is sent through the proxy.
     */
    private static RouteDecision decision(MatchedRoute matched, Purpose purpose, ProxyConfig config) {
        String rule = matched.route().match().normalized();
        Optional<MatchedRoute> by = Optional.of(matched);
        return switch (matched.route().via()) {
            case RouteVia.Direct d -> new RouteDecision(RouteDecision.Route.DIRECT, RouteDecision.DecidedBy.ROUTE, rule, Optional.empty(), by);
            case RouteVia.OwnProxy own -> new RouteDecision(RouteDecision.Route.PROXY, RouteDecision.DecidedBy.ROUTE, rule,
                    Optional.of(own.proxy().proxies()), by);
            case RouteVia.MainProxy m -> config.enabledFor(purpose) && config.proxies().isPresent()
                    ? new RouteDecision(RouteDecision.Route.PROXY, RouteDecision.DecidedBy.ROUTE, rule, config.proxies(), by)
                    : new RouteDecision(RouteDecision.Route.DIRECT, RouteDecision.DecidedBy.ROUTE, rule, Optional.empty(), by);
        };
    }
}
