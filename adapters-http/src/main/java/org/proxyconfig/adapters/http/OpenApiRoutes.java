package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi}: the API's OpenAPI document, as kept in {@code docs/openapi.yaml}. */
public final class OpenApiRoutes extends OneMethodService {

    public static final String PATH = "/openapi";

    public OpenApiRoutes(String document) {
        super(Method.GET, yaml(document.getBytes(StandardCharsets.UTF_8)));
    }

    private static Handler yaml(byte[] document) {
        return (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/yaml").send(document);
    }
}
