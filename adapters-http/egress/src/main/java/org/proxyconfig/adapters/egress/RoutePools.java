package org.proxyconfig.adapters.egress;

import java.util.function.Supplier;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.RouteDecision;

/**
 * The pools in force: one for direct connections and, when a proxy is set, one for connections
 * through it, each bound to its {@link RouteProfile}. When the configuration in force changes, a
 * pool whose profile changed is retired (drained, then closed) and a new one started; a pool whose
 * profile is unchanged keeps its warm connections. A connection opened under the old configuration
 * is therefore never used by a request that the new one routes differently.
 */
final class RoutePools implements AutoCloseable {

    private record InForce(ProxyConfig config, RoutePool direct, RoutePool proxied) {
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
        if (current == null || !inForce(current, router.config())) {
            current = update(router);
            if (current == null) return null;
        }
        RoutePool pool = decision.route() == RouteDecision.Route.DIRECT ? current.direct : current.proxied;
        return pool != null && pool.tryAcquire() ? pool : null;
    }

    private synchronized InForce update(ProxyRouter router) {
        if (closed) throw new IllegalStateException("the outbound clients are closed");
        InForce old = inForce;
        if (old != null && inForce(old, router.config())) return old;
        // A newer configuration came in meanwhile. (Compared by value: a supplier may compile a new
        // router of the same configuration on every call.)
        if (!routing.get().config().equals(router.config())) return null;
        ProxyConfig config = router.config();
        RoutePool direct = keepOrStart(old == null ? null : old.direct, RouteProfile.direct(config));
        RoutePool proxied = config.endpoint()
                .map(endpoint -> keepOrStart(old == null ? null : old.proxied, RouteProfile.proxied(config, endpoint)))
                .orElse(null);
        InForce updated = new InForce(config, direct, proxied);
        inForce = updated;
        if (old != null) {
            if (old.direct != direct) old.direct.retire();
            if (old.proxied != null && old.proxied != proxied) old.proxied.retire();
        }
        return updated;
    }

    private static boolean inForce(InForce current, ProxyConfig config) {
        return current.config == config || current.config.equals(config);
    }

    private RoutePool keepOrStart(RoutePool old, RouteProfile profile) {
        return old != null && old.profile().equals(profile) ? old : factory.start(profile);
    }

    @Override
    public synchronized void close() {
        closed = true;
        InForce last = inForce;
        inForce = null;
        if (last != null) {
            last.direct.retire();
            if (last.proxied != null) last.proxied.retire();
        }
    }
}
