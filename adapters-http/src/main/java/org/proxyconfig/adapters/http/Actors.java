package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * Who made a request, for the history. Until authentication exists every caller is
 * {@value #ANONYMOUS}; the name is never a credential.
 */
final class Actors {

    static final String ANONYMOUS = "anonymous";

    private Actors() {
    }

    static String of(ServerRequest req) {
        return ANONYMOUS;
    }
}
