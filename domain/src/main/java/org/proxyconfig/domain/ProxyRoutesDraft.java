package org.proxyconfig.domain;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Per-target routes as a client sent them, before any rule was checked: the body of
 * {@code PUT /api/proxy-config/routes}. Immutable wire values, so that the same draft can be
 * resolved again (a write whose connection was lost runs again) and always gives the same routes.
 * A route proxy's password is the plain text sent, which may be {@value Secret#REDACTED}: keep the
 * stored one ({@link ProxyRoutes#builderAgainst}).
 */
public final class ProxyRoutesDraft {

    public static final ProxyRoutesDraft NONE = new ProxyRoutesDraft(List.of());

    private final List<RouteDraft> routes;

    private ProxyRoutesDraft(List<RouteDraft> routes) {
        this.routes = routes;
    }

    public static ProxyRoutesDraft of(List<RouteDraft> routes) {
        return new ProxyRoutesDraft(List.copyOf(routes));
    }

    public List<RouteDraft> routes() { return routes; }

    /**
     * The index of the first route whose own proxy's password is {@value Secret#REDACTED} ("keep
     * the stored one"), which only a client that read the stored routes may send: a declaration,
     * which has none to keep, is refused with it.
     */
    public OptionalInt firstKeepingStoredPassword() {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).via() instanceof ViaDraft.OwnProxy own && Secret.REDACTED.equals(own.password())) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The valid routes that replace {@code stored}: every rule of {@link ProxyRoutes.Builder},
     * errors named {@code routes[i].<field>}.
     *
     * @throws InvalidFieldException naming the first broken field of the first broken route
     */
    public ProxyRoutes resolveAgainst(ProxyRoutes stored) {
        ProxyRoutes.Builder builder = ProxyRoutes.builderAgainst(stored);
        for (int i = 0; i < routes.size(); i++) {
            RouteDraft route = routes.get(i);
            switch (route.via()) {
                case ViaDraft.Named named -> builder.add(route.match(), route.purposes(), named.via());
                case ViaDraft.OwnProxy own -> builder.add(route.match(), route.purposes(), own.builder(i));
            }
        }
        return builder.build();
    }

    @Override public boolean equals(Object o) { return o instanceof ProxyRoutesDraft other && routes.equals(other.routes); }

    @Override public int hashCode() { return routes.hashCode(); }

    /** Passwords redacted: a draft may be logged. */
    @Override public String toString() { return "ProxyRoutesDraft" + routes; }

    /**
     * One route as sent.
     *
     * @param match    in the {@code no_proxy} grammar, unparsed
     * @param purposes {@link ProxyRoute#ALL_PURPOSES} when the client left them out
     */
    public record RouteDraft(String match, Set<Purpose> purposes, ViaDraft via) {
        public RouteDraft {
            Objects.requireNonNull(match, "match");
            purposes = Set.copyOf(purposes);
            Objects.requireNonNull(via, "via");
        }
    }

    /** Where a route leads, as sent: {@code direct}/{@code default}, or a proxy of its own. */
    public sealed interface ViaDraft {

        /** {@link RouteVia#DIRECT} or {@link RouteVia#DEFAULT}. */
        record Named(RouteVia via) implements ViaDraft {
            public Named {
                if (via != RouteVia.DIRECT && via != RouteVia.DEFAULT) throw new IllegalArgumentException("direct or default");
            }
        }

        /**
         * A proxy of its own, its fields as the wire gave them (omitted ones at the main object's
         * defaults). {@code timeout} and {@code fallbackCooldown} are {@code long}s so that an
         * out-of-range number reaches the range rule intact.
         */
        record OwnProxy(String type, String url, String username, String password, long timeout,
                        boolean skipTlsVerify, String caCertPem, List<String> fallbackUrls, long fallbackCooldown)
                implements ViaDraft {

            public OwnProxy {
                Objects.requireNonNull(type, "type");
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(username, "username");
                Objects.requireNonNull(password, "password");
                Objects.requireNonNull(caCertPem, "caCertPem");
                fallbackUrls = List.copyOf(fallbackUrls);
            }

            /** A fresh builder each time: a builder is changed by the stored-password rule. */
            RouteProxy.Builder builder(int index) {
                ProxyType parsedType;
                try {
                    parsedType = ProxyType.fromWire(type);
                } catch (InvalidFieldException e) {
                    throw e.within(ProxyRoutes.prefix(index) + "via.");
                }
                return RouteProxy.builder().type(parsedType).url(url).username(username).password(Secret.of(password))
                        .timeoutSeconds((int) Math.clamp(timeout, Integer.MIN_VALUE, Integer.MAX_VALUE))
                        .skipTlsVerify(skipTlsVerify).caCertPem(caCertPem).fallbackUrls(fallbackUrls)
                        .fallbackCooldownSeconds((int) Math.clamp(fallbackCooldown, Integer.MIN_VALUE, Integer.MAX_VALUE));
            }

            @Override
            public String toString() {
                return "OwnProxy[type=" + type + ", url=" + url + ", username=" + username + ", password="
                        + Secret.of(password).redacted() + ", timeout=" + timeout + ", skip_tls_verify=" + skipTlsVerify
                        + ", ca_cert_pem=" + (caCertPem.isEmpty() ? "" : "(PEM)") + ", fallback_urls=" + fallbackUrls
                        + ", fallback_cooldown=" + fallbackCooldown + "]";
            }
        }
    }
}
