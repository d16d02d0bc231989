package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered per-target routes: the first route whose {@code match} and {@code purposes} fit a
 * request decides it ({@link ProxyRouter}). Its own object, apart from {@link ProxyConfig}, so that
 * a client that knows only the main object never changes it. At most {@value #MAX_ROUTES} routes
 * and {@value #MAX_MATCH_ENTRIES} match entries in all. Immutable.
 */
public final class ProxyRoutes {

    public static final int MAX_ROUTES = 256;
    /** The same bound as one no_proxy list: the routes' entries are compiled into such lists. */
    public static final int MAX_MATCH_ENTRIES = NoProxyRules.MAX_ENTRIES;
    public static final String FIELD = "routes";

    public static final ProxyRoutes NONE = new ProxyRoutes(List.of());

    private final List<ProxyRoute> routes;

    private ProxyRoutes(List<ProxyRoute> routes) {
        this.routes = routes;
    }

    /** @throws InvalidFieldException field {@code routes} when there are too many routes or entries */
    public static ProxyRoutes of(List<ProxyRoute> routes) {
        List<ProxyRoute> copy = List.copyOf(routes);
        if (copy.size() > MAX_ROUTES) throw tooManyRoutes();
        int entries = copy.stream().mapToInt(r -> r.match().size()).sum();
        if (entries > MAX_MATCH_ENTRIES) {
            throw new InvalidFieldException(FIELD, "too_many_entries", "have " + entries
                    + " match entries in all; at most " + MAX_MATCH_ENTRIES + " are allowed");
        }
        return copy.isEmpty() ? NONE : new ProxyRoutes(copy);
    }

    private static InvalidFieldException tooManyRoutes() {
        return new InvalidFieldException(FIELD, "too_many_routes", "has more than " + MAX_ROUTES
                + " routes; one route may match many hosts: 'a.example, .b.example, 10.0.0.0/8'");
    }

    /** {@code routes[3].}: what the errors of the route at {@code index} are named with. */
    static String prefix(int index) {
        return FIELD + "[" + index + "].";
    }

    /** A builder for routes sent by a client that has no stored routes to keep a password of. */
    public static Builder builder() { return new Builder(NONE); }

    /** A builder whose {@code "<redacted>"} passwords are kept from {@code stored}, for the same proxy only. */
    public static Builder builderAgainst(ProxyRoutes stored) { return new Builder(Objects.requireNonNull(stored)); }

    /** The routes in order; index i is {@code routes[i]} in errors and "route i" in decisions. */
    public List<ProxyRoute> routes() { return routes; }

    public ProxyRoute get(int index) { return routes.get(index); }

    public int size() { return routes.size(); }

    public boolean isEmpty() { return routes.isEmpty(); }

    @Override public boolean equals(Object o) { return o instanceof ProxyRoutes other && routes.equals(other.routes); }

    @Override public int hashCode() { return routes.hashCode(); }

    /** Passwords redacted (a {@link RouteProxy} shows none): routes may be logged. */
    @Override public String toString() { return "ProxyRoutes" + routes; }

    /**
     * Collects routes in order, naming each error by its index: {@code routes[3].match},
     * {@code routes[3].via.url}.
     */
    public static final class Builder {

        private final ProxyRoutes stored;
        private final List<ProxyRoute> routes = new ArrayList<>();

        private Builder(ProxyRoutes stored) {
            this.stored = stored;
        }

        /** A route {@code direct} or {@code default}, or a proxy already built. */
        public Builder add(String match, Collection<Purpose> purposes, RouteVia via) {
            String at = next();
            try {
                routes.add(ProxyRoute.of(match, Set.copyOf(purposes), via));
            } catch (InvalidFieldException e) {
                throw e.within(at);
            }
            return this;
        }

        /**
         * A route through a proxy of its own, checked here so that its errors name
         * {@code routes[i].via.<field>}. A password of {@code "<redacted>"} keeps the password of
         * the stored route proxy of the same type, host and user; with none, or several that
         * disagree, the caller must enter it again: a stored secret is never sent to a new party.
         */
        public Builder add(String match, Collection<Purpose> purposes, RouteProxy.Builder proxy) {
            String at = next();
            RouteProxy built;
            try {
                built = proxy.keepsStoredPassword() ? keepStoredPassword(proxy) : proxy.build();
            } catch (InvalidFieldException e) {
                throw e.within(at + "via.");
            }
            return add(match, purposes, RouteVia.proxy(built));
        }

        /** @throws InvalidFieldException field {@code routes} when there are too many routes or entries */
        public ProxyRoutes build() { return ProxyRoutes.of(routes); }

        private String next() {
            // Refused before the 257th is parsed: a huge body is not read to the end to say it is too long.
            if (routes.size() == MAX_ROUTES) throw tooManyRoutes();
            return prefix(routes.size());
        }

        private RouteProxy keepStoredPassword(RouteProxy.Builder proxy) {
            // Every other rule first, with no password, so that the party compared is a valid one.
            RouteProxy candidate = proxy.password(Secret.NONE).build();
            List<Secret> kept = stored.routes.stream()
                    .flatMap(r -> r.via().ownProxy().stream())
                    .filter(candidate::sameParty)
                    .map(RouteProxy::password).distinct().toList();
            if (kept.size() != 1) {
                throw new InvalidFieldException("password", "password_required", (kept.isEmpty()
                        ? "no stored route proxy has this type, host and username"
                        : "stored route proxies of this type, host and username have different passwords")
                        + ": enter the password instead of '" + Secret.REDACTED
                        + "', so a stored one is never sent to a new proxy");
            }
            return candidate.toBuilder().password(kept.getFirst()).build();
        }
    }
}
