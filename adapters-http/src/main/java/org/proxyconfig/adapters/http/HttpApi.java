package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.HttpRouting;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;

/**
 * The whole HTTP API on one routing: the bootstrap and the tests build it the same way.
 */
public final class HttpApi {

    private HttpApi() {
    }

    public static void routing(HttpRouting.Builder routing, GetProxyConfigUseCase get,
                               UpdateProxyConfigUseCase update, String openApiDocument) {
        routing.register(ProxyConfigRoutes.PATH, new ProxyConfigRoutes(get, update))
                .register(HealthRoutes.PATH, new HealthRoutes(get))
                .register(OpenApiRoutes.PATH, new OpenApiRoutes(openApiDocument))
                .any((req, res) -> {
                    throw HttpProblem.notFound(req.path().path());
                });
        ErrorResponses.register(routing);
    }
}
