package org.proxyconfig.adapters.http;

import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.proxyconfig.adapters.wire.ProxyRoutesJson;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesCommand;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesUseCase;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;

/**
 * {@code /api/proxy-config/routes}: GET and PUT of the per-target routes (docs/openapi.yaml,
 * decision 0015). Their own resource, so that a Bifrost client's PUT of the main object never
 * changes them, but in the same revision history: the ETag is the revision, as for the main
 * object, and a write of either moves both tags. Authentication and roles are checked before these run.
 */
public final class ProxyRoutesRoutes implements HttpService {

    public static final String PATH = "/api/proxy-config/routes";

    private static final String UPDATED = "{\"status\":\"success\",\"message\":\"proxy routes updated successfully\"}";

    private final GetProxyConfigUseCase get;
    private final ReplaceProxyRoutesUseCase replace;
    private final ConditionalGet conditionalGet;
    private final RenderedBodies bodies = new RenderedBodies(current -> ProxyRoutesJson.write(current.routes()));
    private final RevisionPut<ReplaceProxyRoutesCommand> put;

    public ProxyRoutesRoutes(GetProxyConfigUseCase get, ReplaceProxyRoutesUseCase replace, WatchProxyConfigUseCase watch) {
        this.get = get;
        this.replace = replace;
        this.conditionalGet = new ConditionalGet(watch);
        this.put = new RevisionPut<>(
                (body, actor, expected) -> new ReplaceProxyRoutesCommand(ProxyRoutesJson.readDraft(body), actor, expected),
                command -> ProxyRoutesJson.write(replace.validate(command)), replace::replace, UPDATED);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get)
                .put("/", this::put)
                .route(m -> !m.equals(Method.GET) && !m.equals(Method.PUT), PathMatchers.exact("/"),
                        Responses.methodNotAllowed("GET, PUT"));
    }

    /** The routes of the newest revision, every password redacted; conditional and watchable like the main object. */
    private void get(ServerRequest req, ServerResponse res) {
        conditionalGet.answer(req, get::current).send(res, current -> Responses.json(res, 200, bodies.of(current)));
    }

    /** Replaces the whole list; {@code ?dry_run=true} answers what would be stored and stores nothing. */
    private void put(ServerRequest req, ServerResponse res) {
        put.handle(req, res);
    }
}
