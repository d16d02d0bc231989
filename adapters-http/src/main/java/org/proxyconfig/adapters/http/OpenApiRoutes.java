package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi}: the API's OpenAPI document, as kept in {@code docs/openapi.yaml}. */
public final class OpenApiRoutes implements HttpService {

    public static final String PATH = "/openapi";

    private final byte[] document;

    public OpenApiRoutes(String document) {
        this.document = document.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/yaml").send(document))
                .route(Responses.otherMethodsRefused("/", Method.GET));
    }
}
