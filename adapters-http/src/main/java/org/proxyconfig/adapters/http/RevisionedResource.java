package org.proxyconfig.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Function;
import java.util.function.Supplier;
import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;

/**
 * A part of the configuration read and replaced as a whole at the {@code /} of its path (the main
 * object, the routes): a GET of what the newest revision holds of it, conditional and watchable
 * ({@link ConditionalGet}), and a PUT that writes a new revision or, with {@code ?dry_run=true},
 * only answers what would be stored ({@link RevisionPut}). Every part shares the one revision
 * history, so the ETag of each is the revision number.
 *
 * @param <C> the PUT's use-case command
 */
final class RevisionedResource<C> {

    private final Supplier<CurrentProxyConfig> newest;
    private final ConditionalGet conditionalGet;
    private final RenderedBodies bodies;
    private final RevisionPut<C> put;

    /** @param render what the GET shows of a revision, every password redacted */
    RevisionedResource(GetProxyConfigUseCase get, WatchProxyConfigUseCase watch,
                       Function<CurrentProxyConfig, String> render, RevisionPut<C> put) {
        this.newest = get::current;
        this.conditionalGet = new ConditionalGet(watch);
        this.bodies = new RenderedBodies(render);
        this.put = put;
    }

    /** GET and PUT of {@code /}, and 405 to any other method there. */
    void routing(HttpRules rules) {
        rules.get("/", this::get)
                .put("/", put::handle)
                .route(Responses.otherMethodsRefused("/", Method.GET, Method.PUT));
    }

    private void get(ServerRequest req, ServerResponse res) {
        conditionalGet.answer(req, newest).send(res, current -> Responses.json(res, 200, bodies.of(current)));
    }
}
