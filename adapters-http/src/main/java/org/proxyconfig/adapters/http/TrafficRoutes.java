package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.proxyconfig.adapters.http.json.Jsons;
import org.proxyconfig.adapters.http.json.TrafficView;
import org.proxyconfig.adapters.http.metrics.TrafficLog;

/**
 * {@code GET /api/traffic}: what the outbound traffic did since start and over the last 15
 * minutes, per purpose (the settings page's traffic panel polls it). Viewer or admin, as every
 * read of {@code /api/*}; never stored by a cache, since it changes with every request.
 */
public final class TrafficRoutes implements HttpService {

    public static final String PATH = "/api/traffic";

    private final TrafficLog traffic;

    public TrafficRoutes(TrafficLog traffic) {
        this.traffic = traffic;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::traffic)
                .route(Responses.otherMethodsRefused("/", Method.GET));
    }

    private void traffic(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Responses.json(res, 200, Jsons.JSONB.toJson(TrafficView.of(traffic.snapshot())));
    }
}
