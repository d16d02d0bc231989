package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import org.proxyconfig.adapters.wire.EffectiveConfigJson;
import org.proxyconfig.application.port.in.ReadEffectiveConfigUseCase;
import org.proxyconfig.application.port.in.ReadEffectiveConfigUseCase.Reader;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;

/**
 * {@code GET /api/proxy-config/effective}: the configuration in force on this instance and its
 * per-target routes, every password in clear, for the machines that apply them
 * (docs/decisions/0011-the-egress-role.md, 0015-per-target-routes.md).
 * The authentication filter lets only the egress role in, and only over TLS. Served from memory,
 * so followers keep getting answers while the store is down; conditional and watchable like the
 * main GET. Every body handed over is audited; a 304 hands nothing over and is not.
 */
public final class EffectiveConfigRoutes implements HttpService {

    public static final String PATH = "/api/proxy-config/effective";

    private final ReadEffectiveConfigUseCase effective;
    private final ConditionalGet conditionalGet;
    private final RenderedBodies bodies = new RenderedBodies(
            current -> EffectiveConfigJson.write(current.config(), current.routes()));

    public EffectiveConfigRoutes(ReadEffectiveConfigUseCase effective, WatchProxyConfigUseCase watch) {
        this.effective = effective;
        this.conditionalGet = new ConditionalGet(watch);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get)
                .route(Responses.otherMethodsRefused("/", Method.GET));
    }

    private void get(ServerRequest req, ServerResponse res) {
        conditionalGet.answer(req, effective::inForce).send(res, current -> {
            effective.handedOver(current, new Reader(Actors.of(req), from(req)));
            res.header(HeaderNames.CACHE_CONTROL, "no-store"); // it holds a password: no cache keeps a copy
            Responses.json(res, 200, bodies.of(current));
        });
    }

    private static String from(ServerRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress inet
                ? (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString()) + ":" + inet.getPort()
                : String.valueOf(req.remotePeer().address());
    }
}
