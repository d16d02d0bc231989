package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
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

    /** The whole list, read and replaced: passwords redacted on the way out, and {@code ?dry_run=true} stores nothing. */
    private final RevisionedResource<ReplaceProxyRoutesCommand> routes;

    public ProxyRoutesRoutes(GetProxyConfigUseCase get, ReplaceProxyRoutesUseCase replace, WatchProxyConfigUseCase watch) {
        this.routes = new RevisionedResource<>(get, watch, current -> ProxyRoutesJson.write(current.routes()),
                new RevisionPut<>(
                        (body, actor, expected) -> new ReplaceProxyRoutesCommand(ProxyRoutesJson.readDraft(body), actor, expected),
                        command -> ProxyRoutesJson.write(replace.validate(command)), replace::replace, UPDATED));
    }

    @Override
    public void routing(HttpRules rules) {
        routes.routing(rules);
    }
}
