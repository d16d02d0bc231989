package org.proxyconfig.adapters.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyConfigRules;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyRoutesDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.RouteDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.ViaDraft;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;

/**
 * The wire format of the per-target routes (docs/openapi.yaml, {@code ProxyRoutes}):
 * {@code {"routes": [{"match", "purposes"?, "via"}, …]}}, {@code via} being {@code "direct"},
 * {@code "default"} or a proxy object with the main object's proxy fields. Read strictly: the
 * JSON-level checks of {@link StrictJsonReader}, every JSON type checked, unknown members refused,
 * each error named by its path ({@code routes[3].via.url}); the rules themselves are the domain's
 * ({@link ProxyRoutesDraft#resolveAgainst}). Here, next to {@link ProxyConfigJson}, so that the
 * follower reads the routes of {@code /effective} in the same format ({@link EffectiveConfigJson}).
 */
public final class ProxyRoutesJson {

    private static final String ROUTES = ProxyRoutes.FIELD;
    private static final Set<String> BODY = Set.of(ROUTES);
    /** The members of a route, in wire order (docs/openapi.yaml, {@code ProxyRoute}). */
    public static final List<String> ROUTE_MEMBERS = List.of("match", "purposes", "via");
    /**
     * The members of a route's own proxy, in wire order (docs/openapi.yaml, {@code RouteProxy}):
     * the main object's proxy fields, by their wire names.
     */
    public static final List<String> PROXY_MEMBERS = Stream.of(ConfigField.TYPE, ConfigField.URL, ConfigField.USERNAME,
            ConfigField.PASSWORD, ConfigField.TIMEOUT, ConfigField.SKIP_TLS_VERIFY, ConfigField.CA_CERT_PEM,
            ConfigField.FALLBACK_URLS, ConfigField.FALLBACK_COOLDOWN)
            .map(ConfigField::wireName).toList();
    private static final Set<String> ROUTE = Set.copyOf(ROUTE_MEMBERS);
    private static final Set<String> PROXY = Set.copyOf(PROXY_MEMBERS);

    private ProxyRoutesJson() {
    }

    /** Parses a PUT body into a draft; a missing {@code routes} is refused, an empty list is none. */
    public static ProxyRoutesDraft readDraft(byte[] body) {
        JsonMembers members = JsonMembers.of(StrictJsonReader.readObject(body), "", BODY);
        return readList(members.required(ROUTES));
    }

    /**
     * The value of a {@code routes} member nested in another body (the {@code /effective} body, a
     * declaration), read as strictly as a PUT body's, errors named {@code routes[i].<field>}.
     */
    public static ProxyRoutesDraft readList(JsonValue list) {
        if (list.getValueType() != JsonValue.ValueType.ARRAY) throw JsonMembers.wrongType(ROUTES, "an array", list);
        JsonArray array = list.asJsonArray();
        if (array.size() > ProxyRoutes.MAX_ROUTES) {
            // Before any route is read: the domain would refuse the 257th, this says so without reading 256.
            throw new InvalidFieldException(ROUTES, "too_many_routes", "has " + array.size() + " routes; at most "
                    + ProxyRoutes.MAX_ROUTES + " are allowed, and one route may match many hosts");
        }
        List<RouteDraft> routes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) routes.add(route(array.get(i), ROUTES + "[" + i + "]"));
        return ProxyRoutesDraft.of(routes);
    }

    private static RouteDraft route(JsonValue value, String path) {
        JsonMembers route = JsonMembers.of(value, path, ROUTE);
        String match = JsonMembers.string(route.required("match"), route.at("match"));
        Set<Purpose> purposes = route.value("purposes").map(v -> purposes(v, route.at("purposes")))
                .orElse(ProxyRoute.ALL_PURPOSES);
        return new RouteDraft(match, purposes, via(route.required("via"), route.at("via")));
    }

    private static Set<Purpose> purposes(JsonValue value, String path) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) throw JsonMembers.wrongType(path, "an array", value);
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        JsonArray array = value.asJsonArray();
        for (int j = 0; j < array.size(); j++) {
            String name = JsonMembers.string(array.get(j), path + "[" + j + "]");
            try {
                purposes.add(Purpose.fromWire(name));
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException(path + "[" + j + "]", "invalid_purposes", e.reason());
            }
        }
        return purposes;
    }

    private static ViaDraft via(JsonValue value, String path) {
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            return switch (JsonMembers.string(value, path)) {
                case "direct" -> new ViaDraft.Named(RouteVia.DIRECT);
                case "default" -> new ViaDraft.Named(RouteVia.DEFAULT);
                default -> throw new InvalidFieldException(path, "invalid_via",
                        "must be \"direct\", \"default\" or a proxy object {\"type\", \"url\", …}");
            };
        }
        JsonMembers proxy = JsonMembers.of(value, path, PROXY);
        return new ViaDraft.OwnProxy(proxy.string("type", ProxyType.HTTP.wireName()), proxy.string("url", ""),
                proxy.string("username", ""), proxy.string("password", ""), proxy.wholeNumber("timeout", 0),
                proxy.bool("skip_tls_verify"), proxy.string("ca_cert_pem", ""), proxy.strings("fallback_urls"),
                proxy.wholeNumber("fallback_cooldown", ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS));
    }

    /** The GET body: every route in order, each route proxy's password as {@code "<redacted>"} (or {@code ""}). */
    public static String write(ProxyRoutes routes) {
        return StrictJsonReader.JSON.createObjectBuilder(Map.<String, Object>of(ROUTES, shown(routes))).build().toString();
    }

    /**
     * The routes as plain values, each route proxy's password redacted, in the order and with the
     * members {@link #write} gives: the routes nested in another JSON-B view (a history entry).
     */
    public static List<Map<String, Object>> shown(ProxyRoutes routes) {
        return values(routes, false);
    }

    /**
     * The same values for the {@code /effective} body ({@link EffectiveConfigJson}), the one place a
     * route password leaves the server: each route proxy's password in clear, and its
     * {@code fallback_urls} and {@code fallback_cooldown} only when they are not the defaults. A
     * follower reads a route strictly and refuses a member it does not know, so a follower older
     * than failover goes on reading every route that does not use it (decision 0016).
     */
    static List<Map<String, Object>> values(ProxyRoutes routes, boolean forFollowers) {
        return routes.routes().stream().map(route -> values(route, forFollowers)).toList();
    }

    private static Map<String, Object> values(ProxyRoute route, boolean forFollowers) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("match", route.match().normalized());
        shown.put("purposes", route.purposes().stream().map(Purpose::wireName).toList());
        RouteProxy own = route.via().ownProxy().orElse(null);
        if (own == null) {
            shown.put("via", route.via().describe());
        } else {
            Map<String, Object> via = new LinkedHashMap<>();
            via.put("type", own.type().wireName());
            via.put("url", own.url());
            via.put("username", own.username());
            via.put("password", forFollowers ? own.password().reveal() : own.password().redacted());
            via.put("timeout", own.timeoutSeconds());
            via.put("skip_tls_verify", own.skipTlsVerify());
            via.put("ca_cert_pem", own.caCertPem());
            boolean failsOver = !own.fallbackUrls().isEmpty()
                    || own.fallbackCooldownSeconds() != ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS;
            if (!forFollowers || failsOver) {
                via.put("fallback_urls", own.fallbackUrls());
                via.put("fallback_cooldown", own.fallbackCooldownSeconds());
            }
            shown.put("via", via);
        }
        return shown;
    }
}
