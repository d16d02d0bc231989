package org.proxyconfig.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.proxyconfig.adapters.http.json.Jsons;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.Principal;

/**
 * {@code GET /api/whoami}: who the credentials stand for and what they may do, so that a client
 * (the settings page) can start read-only for a viewer instead of learning it from a 403.
 */
public final class WhoAmIRoutes extends OneMethodService {

    public static final String PATH = "/api/whoami";

    /** The body: the principal's label (never the credential) and its role. */
    public record WhoAmI(String name, String role) {
    }

    public WhoAmIRoutes() {
        super(Method.GET, WhoAmIRoutes::whoAmI);
    }

    private static void whoAmI(ServerRequest req, ServerResponse res) {
        Principal principal = AuthenticationFilter.principalOf(req)
                .orElseThrow(() -> new IllegalStateException("/api/whoami ran without an authenticated principal"));
        Responses.json(res, 200, Jsons.JSONB.toJson(
                new WhoAmI(principal.name(), principal.role().wireName())));
    }
}
