package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes compiled for the decision: for each purpose, the match entries of the routes that
 * apply to it, concatenated in route order into one {@link NoProxyRules}, with the decision of each
 * entry's route made in advance. The first matching entry of that list is then the first matching
 * route — one look-up whatever the number of routes, and nothing allocated per request.
 */
final class RouteTable {

    static final RouteTable NONE = new RouteTable(ProxyRoutes.NONE, ProxyConfig.DEFAULTS);

    private final boolean empty;
    /** By {@link Purpose#ordinal()}. */
    private final NoProxyRules[] entries = new NoProxyRules[Purpose.values().length];
    /** By purpose, then by entry of {@link #entries}: the decision of the route that entry belongs to. */
    private final RouteDecision[][] decisions = new RouteDecision[Purpose.values().length][];

    RouteTable(ProxyRoutes routes, ProxyConfig config) {
        this.empty = routes.isEmpty();
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
            entries[purpose.ordinal()] = NoProxyRules.of(matches);
            decisions[purpose.ordinal()] = owners.toArray(RouteDecision[]::new);
        }
    }

    boolean isEmpty() { return empty; }

    /** The first matching route's decision for a host {@link PlainTarget#scan} accepted, or null. */
    RouteDecision plain(Purpose purpose, String host, long plain, int port) {
        int entry = entries[purpose.ordinal()].indexOfPlain(host, plain, port);
        return entry < 0 ? null : decisions[purpose.ordinal()][entry];
    }

    /** The same for a parsed target, or null. */
    RouteDecision target(Purpose purpose, TargetHost target, int port) {
        int entry = entries[purpose.ordinal()].indexOf(target, port);
        return entry < 0 ? null : decisions[purpose.ordinal()][entry];
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
                    Optional.of(own.proxy().endpoint()), by);
            case RouteVia.MainProxy m -> config.enabledFor(purpose) && config.endpoint().isPresent()
                    ? new RouteDecision(RouteDecision.Route.PROXY, RouteDecision.DecidedBy.ROUTE, rule, config.endpoint(), by)
                    : new RouteDecision(RouteDecision.Route.DIRECT, RouteDecision.DecidedBy.ROUTE, rule, Optional.empty(), by);
        };
    }
}
