package org.proxyconfig.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides, per outbound request, whether it goes direct or through the proxy, and which rule said
 * so. Compiled once from a {@link ProxyConfig} (the URL and the no_proxy list are parsed here, not
 * per request); immutable and safe to share between threads.
 *
 * <p>Order of the decision: the master switch, the purpose's switch, then the target is checked
 * (a host or port that does not parse is an {@link InvalidTargetException}, never routed), then the
 * always-direct hosts, then the no_proxy entries; what is left goes through the proxy.
 *
 * <p>With {@link ProxyRoutes}: the master switch, the target, the always-direct hosts, then the
 * first route whose match and purposes fit; only then the purpose's switch, the no_proxy entries
 * and the proxy. The purpose's switch comes after the routes because it is a switch of the main
 * proxy: a route with a proxy of its own applies whatever it says ({@link RouteTable} for
 * {@code default}).
 */
public final class ProxyRouter {

    private final ProxyConfig config;
    private final NoProxyRules noProxy;
    private final ProxyRoutes routes;
    /** Null without routes: the decision is then exactly what it was before routes existed. */
    private final RouteTable routeTable;
    private final RouteDecision proxyDisabled;
    private final RouteDecision purposeDisabled;
    private final RouteDecision proxied;
    /** One decision per no_proxy entry, made at compile time: a hit allocates nothing. */
    private final RouteDecision[] bypassedBy;
    /** The decisions made lately: a repeated one is a look-up. */
    private final RecentDecisions recent = new RecentDecisions();

    private ProxyRouter(ProxyConfig config, NoProxyRules noProxy, ProxyRoutes routes) {
        this.config = config;
        this.noProxy = noProxy;
        this.routes = routes;
        this.bypassedBy = noProxy.entries().stream()
                .map(entry -> direct(RouteDecision.DecidedBy.NO_PROXY_ENTRY, entry))
                .toArray(RouteDecision[]::new);
        Optional<ProxyList> proxies = config.proxies();
        this.proxyDisabled = direct(RouteDecision.DecidedBy.PROXY_DISABLED, "");
        this.purposeDisabled = direct(RouteDecision.DecidedBy.PURPOSE_DISABLED, "");
        this.proxied = proxies.isEmpty() ? null // only when disabled: the rules require a url when enabled
                : new RouteDecision(RouteDecision.Route.PROXY, RouteDecision.DecidedBy.PROXY_FOR_PURPOSE, "", proxies);
        this.routeTable = routes.isEmpty() ? null
                : new RouteTable(routes, config, noProxy, bypassedBy, proxied, purposeDisabled);
    }

    /** A router without routes: the main configuration decides alone. */
    public static ProxyRouter compile(ProxyConfig config) {
        return compile(config, ProxyRoutes.NONE);
    }

    /** A router for the main configuration and the per-target routes, which come first. */
    public static ProxyRouter compile(ProxyConfig config, ProxyRoutes routes) {
        Objects.requireNonNull(config, "config");
        return new ProxyRouter(config, config.noProxyRules(), Objects.requireNonNull(routes, "routes"));
    }

    /** A router whose no_proxy rules are given apart from the config: for benchmarks past the wire limits. */
    static ProxyRouter compile(ProxyConfig config, NoProxyRules noProxy) {
        return new ProxyRouter(config, noProxy, ProxyRoutes.NONE);
    }

    /** The same with routes. */
    static ProxyRouter compile(ProxyConfig config, NoProxyRules noProxy, ProxyRoutes routes) {
        return new ProxyRouter(config, noProxy, routes);
    }

    /** The configuration this router was compiled from. */
    public ProxyConfig config() { return config; }

    /** The routes this router was compiled with, {@link ProxyRoutes#NONE} for none. */
    public ProxyRoutes routes() { return routes; }

    /**
     * @param host a host name or IP literal (IPv6 with or without brackets), any case
     * @param port the target port, 1..65535
     * @throws InvalidTargetException when the proxy would be used and the host or port cannot be parsed
     */
    public RouteDecision decide(Purpose purpose, String host, int port) {
        Objects.requireNonNull(purpose, "purpose");
        if (!config.enabled()) return proxyDisabled;
        // Without routes the purpose's switch comes before the target is even read, as it always did.
        if (routeTable == null && !config.enabledFor(purpose)) return purposeDisabled;
        if (host == null) return decideTarget(purpose, null, port); // refused there
        RouteDecision known = recent.get(purpose, host, port);
        if (known != null) return known;
        RouteDecision made = decideTarget(purpose, host, port); // a target that is refused is never kept
        recent.put(purpose, host, port, made);
        return made;
    }

    /** The decision for a target, made without {@link RecentDecisions}: the switches were checked. */
    RouteDecision decideTarget(Purpose purpose, String host, int port) {
        boolean routed = routeTable != null;
        long plain = PlainTarget.scan(host);
        if (plain != PlainTarget.NOT_PLAIN) {
            // Nearly every request: a valid name or IPv4 address that is not always direct, decided
            // in one pass over the host without building a TargetHost (docs/PERFORMANCE.md §1).
            TargetHost.checkPort(port);
            if (routed) return routeTable.plain(purpose, host, plain, port);
            int entry = noProxy.indexOfPlain(host, plain, port);
            return entry >= 0 ? bypassedBy[entry] : proxied;
        }
        TargetHost target = TargetHost.parse(host);
        TargetHost.checkPort(port);
        if (target.isAlwaysDirect()) return direct(RouteDecision.DecidedBy.ALWAYS_DIRECT_HOST, target.display());
        if (routed) return routeTable.target(purpose, target, port);
        int entry = noProxy.indexOf(target, port);
        return entry >= 0 ? bypassedBy[entry] : proxied;
    }

    private static RouteDecision direct(RouteDecision.DecidedBy decidedBy, String rule) {
        return new RouteDecision(RouteDecision.Route.DIRECT, decidedBy, rule, Optional.empty());
    }
}
