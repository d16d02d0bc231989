package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the routes. */
final class Responses {

    private Responses() {
    }

    static void json(ServerResponse res, int status, String json) {
        json(res, status, json.getBytes(StandardCharsets.UTF_8));
    }

    static void json(ServerResponse res, int status, byte[] json) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(json);
    }

    /** A handler answering 405 with the {@code Allow} header for a known path. */
    static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            throw HttpProblem.methodNotAllowed(req.prologue().method().text(), allowed);
        };
    }
}
