package org.proxyconfig.adapters.egress;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * The pools in force: one for direct connections, one for connections through the main proxy when
 * one is set, and one per distinct proxy of the per-target routes, each bound to its
 * {@link RouteProfile} (a route's own proxy with its own credentials, TLS options and timeout).
 * Routes whose proxies have the same profile, or the main proxy's, share one pool. When the
 * configuration or the routes in force change, a pool whose profile is gone is retired (drained,
 * then closed) and new ones started; a pool whose profile is still in force keeps its warm
 * connections. A connection opened under the old configuration is therefore never used by a
 * request that the new one routes differently.
 */
final class RoutePools implements AutoCloseable {

    /** @param ownProxies the pool of each route proxy, by the proxy as the routes hold it */
    private record InForce(ProxyConfig config, ProxyRoutes routes, RoutePool direct, RoutePool proxied,
                           Map<RouteProxy, RoutePool> ownProxies) {

        /** Every pool once, by profile. */
        Map<RouteProfile, RoutePool> byProfile() {
            Map<RouteProfile, RoutePool> pools = new HashMap<>();
            pools.put(direct.profile(), direct);
            if (proxied != null) pools.put(proxied.profile(), proxied);
            ownProxies.values().forEach(pool -> pools.put(pool.profile(), pool));
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
     * A pool for a request that {@code router} routed as {@code decision}, with a reference taken
     * for the request; null when {@code router} is no longer the one in force, so that the caller
     * decides again under the new configuration rather than use a pool of the old one.
     */
    RoutePool acquire(ProxyRouter router, RouteDecision decision) {
        InForce current = inForce;
        if (current == null || !inForce(current, router)) {
            current = update(router);
            if (current == null) return null;
        }
        RoutePool pool = decision.route() == RouteDecision.Route.DIRECT ? current.direct
                : decision.routeProxy().map(current.ownProxies::get).orElse(current.proxied);
        return pool != null && pool.tryAcquire() ? pool : null;
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
        RoutePool proxied = config.endpoint().map(endpoint -> pool(RouteProfile.proxied(config, endpoint), kept, started))
                .orElse(null);
        Map<RouteProxy, RoutePool> ownProxies = new HashMap<>();
        for (ProxyRoute route : router.routes().routes()) {
            route.via().ownProxy().ifPresent(own -> ownProxies.put(own, pool(RouteProfile.routed(own), kept, started)));
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
