package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import org.proxyconfig.adapters.http.metrics.Metrics;
import org.proxyconfig.adapters.http.metrics.RecentScrape;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;

/**
 * {@code GET /metrics}: the Prometheus text exposition format (docs/metrics.md). Open like
 * {@code /health} unless the operator set {@code PROXY_CONFIG_METRICS_AUTH=viewer}; it holds counts
 * and states, never a host, a URL or a credential. The text is rendered at most once a second and
 * shared by the scrapes of that second ({@link RecentScrape}).
 */
public final class MetricsRoutes extends OneMethodService {

    public static final String PATH = AuthenticationFilter.METRICS_PATH;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public MetricsRoutes(Metrics metrics) {
        super(Method.GET, scrape(new RecentScrape(metrics::scrape)));
    }

    private static Handler scrape(RecentScrape scrapes) {
        return (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(scrapes.text());
        };
    }
}
