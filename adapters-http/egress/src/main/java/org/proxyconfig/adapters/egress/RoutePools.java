package org.proxyconfig.adapters.egress;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.RouteProxy;

/**
 * The pools in force: one for direct connections, one per proxy of the main list (its url and
 * fallbacks) when one is set, and one per distinct proxy of the per-target routes' lists, each bound to its
 * {@link RouteProfile} (a route's own proxy with its own credentials, TLS options and timeout).
 * Routes whose proxies have the same profile, or the main proxy's, share one pool. When the
 * configuration or the routes in force change, a pool whose profile is gone is retired (drained,
 * then closed) and new ones started; a pool whose profile is still in force keeps its warm
 * connections. A connection opened under the old configuration is therefore never used by a
 * request that the new one routes differently.
 */
final class RoutePools implements AutoCloseable {

    /**
     * @param proxied    a pool per proxy of the main list, in its order; empty without a proxy
     * @param ownProxies the pools of each route proxy's list, in its order, by the proxy as the routes hold it
     */
    private record InForce(ProxyConfig config, ProxyRoutes routes, RoutePool direct, List<RoutePool> proxied,
                           Map<RouteProxy, List<RoutePool>> ownProxies) {

        /** Every pool once, by profile. */
        Map<RouteProfile, RoutePool> byProfile() {
            Map<RouteProfile, RoutePool> pools = new HashMap<>();
            pools.put(direct.profile(), direct);
            proxied.forEach(pool -> pools.put(pool.profile(), pool));
            ownProxies.values().forEach(list -> list.forEach(pool -> pools.put(pool.profile(), pool)));
            return pools;
        }
    }

    private final Supplier<ProxyRouter> routing;
    private final RouteClientFactory factory;
    private volatile InForce inForce;
    private boolean closed;

    RoutePools(Supplier<ProxyRouter> routing, RouteClientFactory factory) {
        this.routing = routing;
        this.factory = factory;
    }

    /**
     * A pool for a request that {@code router} routed as {@code decision}, through the proxy at
     * {@code index} of the decision's list (ignored when direct), with a reference taken for the
     * request; null when {@code router} is no longer the one in force, so that the caller decides
     * again under the new configuration rather than use a pool of the old one.
     */
    RoutePool acquire(ProxyRouter router, RouteDecision decision, int index) {
        InForce current = inForce;
        if (current == null || !inForce(current, router)) {
            current = update(router);
            if (current == null) return null;
        }
        RoutePool pool = decision.route() == RouteDecision.Route.DIRECT ? current.direct
                : decision.routeProxy().map(current.ownProxies::get).orElse(current.proxied).get(index);
        return pool.tryAcquire() ? pool : null;
    }

    private synchronized InForce update(ProxyRouter router) {
        if (closed) throw new IllegalStateException("the outbound clients are closed");
        InForce old = inForce;
        if (old != null && inForce(old, router)) return old;
        // A newer configuration came in meanwhile. (Compared by value: a supplier may compile a new
        // router of the same configuration on every call.)
        ProxyRouter now = routing.get();
        if (!now.config().equals(router.config()) || !now.routes().equals(router.routes())) return null;
        Map<RouteProfile, RoutePool> kept = old == null ? Map.of() : old.byProfile();
        Map<RouteProfile, RoutePool> started = new HashMap<>();
        ProxyConfig config = router.config();
        RoutePool direct = pool(RouteProfile.direct(config), kept, started);
        List<RoutePool> proxied = config.proxies().map(list -> list.inOrder().stream()
                .map(endpoint -> pool(RouteProfile.proxied(config, endpoint), kept, started)).toList()).orElse(List.of());
        Map<RouteProxy, List<RoutePool>> ownProxies = new HashMap<>();
        for (ProxyRoute route : router.routes().routes()) {
            route.via().ownProxy().ifPresent(own -> ownProxies.put(own, own.proxies().inOrder().stream()
                    .map(endpoint -> pool(RouteProfile.routed(own, endpoint), kept, started)).toList()));
        }
        InForce updated = new InForce(config, router.routes(), direct, proxied, Map.copyOf(ownProxies));
        inForce = updated;
        Set<RoutePool> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
        inUse.addAll(started.values());
        kept.values().stream().filter(pool -> !inUse.contains(pool)).forEach(RoutePool::retire);
        return updated;
    }

    /** The pool of {@code profile}: the one already in force, one started for another route of this update, or a new one. */
    private RoutePool pool(RouteProfile profile, Map<RouteProfile, RoutePool> kept, Map<RouteProfile, RoutePool> started) {
        return started.computeIfAbsent(profile, p -> kept.containsKey(p) ? kept.get(p) : factory.start(p));
    }

    private static boolean inForce(InForce current, ProxyRouter router) {
        return (current.config == router.config() || current.config.equals(router.config()))
                && (current.routes == router.routes() || current.routes.equals(router.routes()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        InForce last = inForce;
        inForce = null;
        if (last != null) last.byProfile().values().forEach(RoutePool::retire);
    }
}
