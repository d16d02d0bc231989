package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;

/**
 * {@code GET /health}: open to all, says whether the store answers. It reads the configuration
 * but shows nothing of it.
 */
public final class HealthRoutes implements HttpService {

    public static final String PATH = "/health";

    private final GetProxyConfigUseCase getProxyConfig;

    public HealthRoutes(GetProxyConfigUseCase getProxyConfig) {
        this.getProxyConfig = getProxyConfig;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health)
                .route(method -> !method.equals(io.helidon.http.Method.GET),
                        io.helidon.http.PathMatchers.exact("/"), Responses.methodNotAllowed("GET"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        getProxyConfig.current(); // a store that cannot answer throws: 503 from ErrorResponses
        Responses.json(res, 200, "{\"status\":\"ok\"}");
    }
}
