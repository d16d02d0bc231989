package org.proxyconfig.adapters.http.declaration;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.proxyconfig.adapters.wire.ProxyRoutesJson;
import org.proxyconfig.domain.ProxyConfigRules;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyRoutesDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.RouteDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.ViaDraft;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.Secret;

/**
 * The optional {@code routes} member of a declaration: the per-target routes in the shape of
 * {@code PUT /api/proxy-config/routes}, read as strictly ({@link ProxyRoutesJson#readList}) and
 * checked by every rule now, so that a bad route stops the start naming {@code routes[i].<field>}.
 * Absent (or {@code null}) means the declaration declares no routes and the stored ones are kept.
 */
final class DeclaredRoutes {

    static final String MEMBER = ProxyRoutes.FIELD;

    private DeclaredRoutes() {
    }

    /**
     * @param resolved the declaration with its references resolved
     * @throws org.proxyconfig.adapters.wire.MalformedBodyException or the domain's
     *         {@code InvalidFieldException}, naming {@code routes[i].<field>}; or an
     *         {@link InvalidDeclarationException} for a password that would keep a stored one
     */
    static Optional<ProxyRoutesDraft> read(JsonObject resolved, String source) {
        JsonValue list = resolved.get(MEMBER);
        if (list == null || list.getValueType() == JsonValue.ValueType.NULL) return Optional.empty();
        ProxyRoutesDraft routes = ProxyRoutesJson.readList(list);
        OptionalInt keeping = routes.firstKeepingStoredPassword();
        if (keeping.isPresent()) {
            throw new InvalidDeclarationException(source, MEMBER + "[" + keeping.getAsInt() + "].via.password", "'"
                    + Secret.REDACTED + "' keeps a stored password, which a declaration cannot do: give the password,"
                    + " e.g. as ${ROUTE_PROXY_PASSWORD}");
        }
        routes.resolveAgainst(ProxyRoutes.NONE); // every rule of the API, now rather than at the first write
        return Optional.of(routes);
    }

    /**
     * One line per route, every value in plain text (passwords too: only the keyed fingerprint of
     * the whole text is kept), so that equal routes give equal text whatever the file's layout.
     */
    static String canonical(ProxyRoutesDraft routes) {
        return IntStream.range(0, routes.routes().size())
                .mapToObj(i -> MEMBER + "[" + i + "]=" + canonical(routes.routes().get(i)))
                .collect(Collectors.joining("\n"));
    }

    private static String canonical(RouteDraft route) {
        String purposes = route.purposes().stream().sorted().map(Purpose::wireName).collect(Collectors.joining(","));
        String via = switch (route.via()) {
            case ViaDraft.Named named -> named.via().describe();
            case ViaDraft.OwnProxy own -> String.join("\u0000", own.type(), own.url(), own.username(), own.password(),
                    Long.toString(own.timeout()), Boolean.toString(own.skipTlsVerify()), own.caCertPem()) + failover(own);
        };
        return String.join("\u0000", route.match(), purposes, via);
    }

    /**
     * The failover members, added after routes were first fingerprinted: written only when not at
     * their defaults, so a route without them keeps its fingerprint (an upgrade applies no seed again).
     */
    private static String failover(ViaDraft.OwnProxy own) {
        if (own.fallbackUrls().isEmpty() && own.fallbackCooldown() == ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS) {
            return "";
        }
        return "\u0000" + String.join(",", own.fallbackUrls()) + "\u0000" + own.fallbackCooldown();
    }
}
