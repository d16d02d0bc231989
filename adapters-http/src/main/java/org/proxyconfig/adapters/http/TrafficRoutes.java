package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import org.proxyconfig.adapters.http.json.Jsons;
import org.proxyconfig.adapters.http.json.TrafficView;
import org.proxyconfig.adapters.http.metrics.TrafficLog;

/**
 * {@code GET /api/traffic}: what the outbound traffic did since start and over the last 15
 * minutes, per purpose (the settings page's traffic panel polls it). Viewer or admin, as every
 * read of {@code /api/*}; never stored by a cache, since it changes with every request.
 */
public final class TrafficRoutes extends OneMethodService {

    public static final String PATH = "/api/traffic";

    public TrafficRoutes(TrafficLog traffic) {
        super(Method.GET, (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            Responses.json(res, 200, Jsons.JSONB.toJson(TrafficView.of(traffic.snapshot())));
        });
    }
}
