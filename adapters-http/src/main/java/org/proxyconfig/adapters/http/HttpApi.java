package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.HttpRouting;
import org.proxyconfig.adapters.http.metrics.Metrics;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.in.DryRunUseCase;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase;
import org.proxyconfig.application.port.in.ReadEffectiveConfigUseCase;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesUseCase;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;

/** The whole HTTP API on one routing: the bootstrap and the tests build it the same way. */
public final class HttpApi {

    private HttpApi() {
    }

    /**
     * The use cases the routes call: in-ports only, built by the composition root (or a test's
     * wiring), so the routes never know which service stands behind them.
     */
    public record UseCases(GetProxyConfigUseCase get, UpdateProxyConfigUseCase update,
                           ProxyConfigHistoryUseCase history, RestoreRevisionUseCase restore,
                           ReplaceProxyRoutesUseCase routes,
                           DryRunUseCase dryRun, CheckHealthUseCase health,
                           ReadEffectiveConfigUseCase effective, WatchProxyConfigUseCase watch) {
    }

    /**
     * @param metrics counts every request, refused ones included, and serves {@code /metrics} and
     *                the traffic log ({@code /api/traffic})
     */
    public static void routing(HttpRouting.Builder routing, UseCases useCases, AuthenticationFilter authentication,
                               String openApiDocument, Metrics metrics) {
        routing.addFilter(metrics.api())
                .addFilter(authentication)
                .register(EffectiveConfigRoutes.PATH, new EffectiveConfigRoutes(useCases.effective(), useCases.watch()))
                .register(ProxyConfigRoutes.PATH, new ProxyConfigRoutes(
                        useCases.get(), useCases.update(), useCases.history(), useCases.restore(), useCases.watch()))
                .register(ProxyRoutesRoutes.PATH, new ProxyRoutesRoutes(useCases.get(), useCases.routes(), useCases.watch()))
                .register(WhoAmIRoutes.PATH, new WhoAmIRoutes())
                .register(DryRunRoutes.PATH, new DryRunRoutes(useCases.dryRun()))
                .register(HealthRoutes.PATH, new HealthRoutes(useCases.health()))
                .register(OpenApiRoutes.PATH, new OpenApiRoutes(openApiDocument))
                .register(MetricsRoutes.PATH, new MetricsRoutes(metrics))
                .register(TrafficRoutes.PATH, new TrafficRoutes(metrics.traffic()))
                .register(UiRoutes.PATH, new UiRoutes())
                .get("/", UiRoutes::root)
                .any((req, res) -> {
                    throw HttpProblem.notFound(req.path().absolute().path());
                });
        ErrorResponses.register(routing);
    }
}
