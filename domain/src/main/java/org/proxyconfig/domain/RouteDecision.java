package org.proxyconfig.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one request goes and which rule decided it.
 *
 * @param route        direct or through a proxy
 * @param decidedBy    the kind of rule that decided
 * @param rule         the rule itself where there is one (the matching no_proxy entry, the
 *                     always-direct host, the deciding route's match), else ""
 * @param proxies      the proxies to try, in order, when {@code route} is PROXY, else empty
 * @param matchedRoute the route that decided, when {@code decidedBy} is ROUTE, else empty
 */
public record RouteDecision(Route route, DecidedBy decidedBy, String rule, Optional<ProxyList> proxies,
                            Optional<MatchedRoute> matchedRoute) {

    public enum Route { DIRECT, PROXY }

    public enum DecidedBy {
        /** The master switch {@code enabled} is off. */
        PROXY_DISABLED,
        /** The switch of the request's purpose is off. */
        PURPOSE_DISABLED,
        /** localhost, loopback, link-local or a cloud metadata host: never proxied. */
        ALWAYS_DIRECT_HOST,
        /** A no_proxy entry matched. */
        NO_PROXY_ENTRY,
        /** Nothing exempted the request: it goes through the proxy. */
        PROXY_FOR_PURPOSE,
        /** A per-target route matched; it may lead direct or through a proxy ({@link #matchedRoute()}). */
        ROUTE
    }

    public RouteDecision {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(proxies, "proxies");
        if (proxies.isPresent() != (route == Route.PROXY)) {
            throw new IllegalArgumentException("proxies go with route PROXY, and only with it");
        }
        Objects.requireNonNull(matchedRoute, "matchedRoute");
        if (matchedRoute.isPresent() != (decidedBy == DecidedBy.ROUTE)) {
            throw new IllegalArgumentException("a matched route goes with decidedBy ROUTE, and only with it");
        }
    }

    /** A decision no route made. */
    public RouteDecision(Route route, DecidedBy decidedBy, String rule, Optional<ProxyList> proxies) {
        this(route, decidedBy, rule, proxies, Optional.empty());
    }

    /** The proxy tried first (the {@code url}'s) when {@code route} is PROXY, else empty. */
    public Optional<ProxyEndpoint> proxy() {
        return proxies.map(ProxyList::primary);
    }

    /**
     * The deciding route's own proxy, with its credentials, timeout and TLS options, when a route
     * sent the request through one; empty when the main proxy (whose options are the main
     * configuration's) or no proxy is used.
     */
    public Optional<RouteProxy> routeProxy() {
        return route == Route.PROXY ? matchedRoute.flatMap(m -> m.route().via().ownProxy()) : Optional.empty();
    }

    /** The deciding rule in words, e.g. {@code no_proxy entry '.internal.example'}. */
    public String describe() {
        return switch (decidedBy) {
            case PROXY_DISABLED -> "proxy disabled";
            case PURPOSE_DISABLED -> "proxy not enabled for this purpose";
            case ALWAYS_DIRECT_HOST -> "always-direct host '" + rule + "'";
            case NO_PROXY_ENTRY -> "no_proxy entry '" + rule + "'";
            case PROXY_FOR_PURPOSE -> "proxy enabled for this purpose and no no_proxy entry matched";
            case ROUTE -> describeRoute(matchedRoute.orElseThrow());
        };
    }

    private String describeRoute(MatchedRoute matched) {
        RouteVia via = matched.route().via();
        String outcome = via instanceof RouteVia.MainProxy && route == Route.DIRECT
                ? "default, but the proxy is not enabled for this purpose: direct"
                : via.describe();
        return matched.describe() + " → " + outcome;
    }
}
