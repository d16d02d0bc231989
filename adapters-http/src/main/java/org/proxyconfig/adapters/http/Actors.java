package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.ServerRequest;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.Principal;

/** Who made a request, for the history: the authenticated principal's name, never a credential. */
final class Actors {

    private Actors() {
    }

    static String of(ServerRequest req) {
        return AuthenticationFilter.principalOf(req).map(Principal::name)
                .orElseThrow(() -> new IllegalStateException("a write route ran without an authenticated principal"));
    }
}
