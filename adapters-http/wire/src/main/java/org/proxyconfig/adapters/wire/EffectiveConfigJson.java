package org.proxyconfig.adapters.wire;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Objects;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;

/**
 * The body of {@code GET /api/proxy-config/effective} (docs/openapi.yaml, {@code EffectiveProxyConfig}):
 * everything a machine needs to route as the server does. The main object's members with the
 * password in clear, and a {@code routes} member holding the ordered routes in the routes
 * resource's shape with each route proxy's password in clear ({@code []} when there are none).
 * Written by the server, read by the follower and its sealed cache; never log it.
 *
 * <p>Reading: the main members as {@link ProxyConfigJson} reads them (unknown members ignored,
 * which is why followers older than {@code routes} still read this body), and {@code routes} as
 * strictly as a PUT of the routes ({@link ProxyRoutesJson#readList}). An absent {@code routes}
 * means none: a server, or a cache file, from before this member.
 */
public final class EffectiveConfigJson {

    /** A configuration and its routes, as they are in force at the server. */
    public record Effective(ProxyConfig config, ProxyRoutes routes) {
        public Effective {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(routes, "routes");
        }
    }

    private EffectiveConfigJson() {
    }

    /** The body, every password in clear. */
    public static String write(ProxyConfig config, ProxyRoutes routes) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = StrictJsonReader.JSON.createGenerator(out)) {
            json.writeStartObject();
            ProxyConfigJson.writeFields(json, config, true);
            json.write(ProxyRoutes.FIELD, StrictJsonReader.JSON.createArrayBuilder(ProxyRoutesJson.values(routes, true)).build());
            json.writeEnd();
        }
        return out.toString();
    }

    /**
     * Reads a body written by {@link #write} and checks every rule of both halves. An effective
     * body holds complete values, so it is resolved against nothing stored: a route proxy's
     * {@code "<redacted>"} password, which no server sends, is refused as one to be entered.
     *
     * @throws MalformedBodyException or the domain's {@code InvalidFieldException}, naming the
     *         field ({@code url}, {@code routes[2].via.url}) and never quoting a password
     */
    public static Effective read(byte[] body) {
        JsonObject object = StrictJsonReader.readObject(body);
        ProxyConfig config = ProxyConfigJson.readDraft(object).resolveAgainst(ProxyConfig.DEFAULTS);
        JsonValue routes = object.get(ProxyRoutes.FIELD);
        boolean absent = routes == null || routes.getValueType() == JsonValue.ValueType.NULL;
        return new Effective(config, absent ? ProxyRoutes.NONE : ProxyRoutesJson.readList(routes).resolveAgainst(ProxyRoutes.NONE));
    }
}
