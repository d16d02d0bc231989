package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import org.proxyconfig.adapters.http.json.ProxyConfigJson;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.domain.Revision;

/** {@code GET} and {@code PUT /api/proxy-config} (SPEC §1–§2). */
public final class ProxyConfigRoutes implements HttpService {

    public static final String PATH = "/api/proxy-config";

    private static final System.Logger LOG = System.getLogger(ProxyConfigRoutes.class.getName());
    private static final String UPDATED =
            "{\"status\":\"success\",\"message\":\"proxy configuration updated successfully\"}";

    private final GetProxyConfigUseCase getProxyConfig;
    private final UpdateProxyConfigUseCase updateProxyConfig;

    public ProxyConfigRoutes(GetProxyConfigUseCase getProxyConfig, UpdateProxyConfigUseCase updateProxyConfig) {
        this.getProxyConfig = getProxyConfig;
        this.updateProxyConfig = updateProxyConfig;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get)
                .put("/", this::put)
                .route(method -> !method.equals(Method.GET) && !method.equals(Method.PUT),
                        io.helidon.http.PathMatchers.exact("/"), Responses.methodNotAllowed("GET, PUT"));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Responses.json(res, 200, ProxyConfigJson.write(getProxyConfig.current().config()));
    }

    private void put(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.read(req);
        Revision revision = updateProxyConfig.update(
                new UpdateProxyConfigCommand(ProxyConfigJson.readDraft(body), Actors.of(req)));
        // Field names only: values may be secret.
        LOG.log(Level.INFO, "proxy configuration updated: revision=" + revision.number()
                + " actor=" + revision.actor());
        Responses.json(res, 200, UPDATED);
    }
}
