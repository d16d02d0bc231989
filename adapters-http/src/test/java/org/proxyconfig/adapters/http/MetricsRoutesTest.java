package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;

/**
 * {@code GET /metrics} and the API's own meters (docs/metrics.md): every request counted once by
 * method, route template and status, refused ones included; authentication failures by scheme.
 * The API is shared by the route tests, so each test reads how much its own requests added.
 */
@ServerTest
class MetricsRoutesTest extends ApiRouteTest {

    MetricsRoutesTest(Http1Client client) {
        super(client);
    }

    private static double apiRequests(String method, String route, int status) {
        Counter counter = API.metrics.registry().find("proxy_config.api.requests")
                .tags("method", method, "route", route, "status", Integer.toString(status)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double authFailures(String scheme) {
        return API.metrics.registry().get("proxy_config.auth.failures").tag("scheme", scheme).counter().count();
    }

    /**
     * A scrape rendered after the requests of the test (a scrape is shared for up to a second, see
     * RecentScrape): one that already shows {@code series} at {@code value}.
     */
    private String scrapeShowing(String series, double value) {
        String line = series + " " + value;
        String[] text = new String[1];
        Eventually.until("a scrape showing " + line, Duration.ofSeconds(5), () -> {
            text[0] = send(request(Method.GET, "/metrics")).body();
            return text[0].lines().anyMatch(line::equals);
        });
        return text[0];
    }

    @Test
    void theScrapeIsPrometheusTextOpenToAllWithEveryBoundedSeriesFromTheStart() {
        Reply scrape = send(request(Method.GET, "/metrics"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.body())
                .contains("# TYPE proxy_config_outbound_requests_total counter")
                .contains("proxy_config_outbound_requests_total{decided_by=\"no_proxy\",purpose=\"inference\",route=\"direct\"} 0")
                .contains("proxy_config_outbound_requests_total{decided_by=\"proxy\",purpose=\"scim\",route=\"proxy\"} 0")
                .contains("proxy_config_outbound_failures_total{kind=\"proxy_auth_required\",purpose=\"api\",route=\"proxy\"} 0")
                .contains("proxy_config_probes_total{result=\"reached\"} 0")
                .contains("proxy_config_auth_braked_total 0")
                .contains("proxy_config_api_request_seconds_bucket{route=\"/api/proxy-config\",le=\"0.005\"}")
                .contains("jvm_memory_used_bytes").contains("process_cpu_usage");
    }

    @Test
    void eachRequestCountsOnceByMethodRouteTemplateAndStatusRefusedOnesIncluded() {
        double ok = apiRequests("GET", "/api/proxy-config", 200);
        double unauthorized = apiRequests("GET", "/api/proxy-config", 401);
        double restore = apiRequests("POST", "/api/proxy-config/history/{revision}/restore", 404);
        double other = apiRequests("GET", "other", 404);

        get("/api/proxy-config");
        send(request(Method.GET, "/api/proxy-config"));
        send(request(Method.POST, "/api/proxy-config/history/77/restore").header(AUTHORIZATION, TestApi.ADMIN_BEARER));
        get("/no/such/path/12345");

        // Counted once the response is sent, which the client may see first: wait for the count.
        Eventually.until("the four requests counted", Duration.ofSeconds(10), () -> apiRequests("GET", "other", 404) == other + 1
                && apiRequests("POST", "/api/proxy-config/history/{revision}/restore", 404) == restore + 1
                && apiRequests("GET", "/api/proxy-config", 401) == unauthorized + 1);
        Eventually.until("the GET counted", Duration.ofSeconds(10), () -> apiRequests("GET", "/api/proxy-config", 200) >= ok + 1);
        assertThat(apiRequests("GET", "/api/proxy-config", 200)).isEqualTo(ok + 1);
        assertThat(apiRequests("GET", "/api/proxy-config", 401)).isEqualTo(unauthorized + 1);
        assertThat(scrapeShowing("proxy_config_api_requests_total{method=\"GET\",route=\"other\",status=\"404\"}", other + 1))
                .doesNotContain("12345").doesNotContain("/77/");
    }

    @Test
    void authenticationFailuresCountByTheSchemeTriedAndNeverShowTheCredential() {
        double none = authFailures("none");
        double bearer = authFailures("bearer");
        double basic = authFailures("basic");
        double apiKey = authFailures("api_key");

        send(request(Method.GET, "/api/proxy-config"));
        send(request(Method.GET, "/api/proxy-config").header(AUTHORIZATION, "Bearer wrong-token-6f1d"));
        send(request(Method.GET, "/api/proxy-config").header(AUTHORIZATION, "Basic d3Jvbmc6d3Jvbmc="));
        send(request(Method.GET, "/api/proxy-config").header(io.helidon.http.HeaderNames.create("x-api-key"), "wrong-key-0b2e"));
        get("/api/proxy-config");

        assertThat(authFailures("none")).isEqualTo(none + 1);
        assertThat(authFailures("bearer")).isEqualTo(bearer + 1);
        assertThat(authFailures("basic")).isEqualTo(basic + 1);
        assertThat(authFailures("api_key")).isEqualTo(apiKey + 1);
        assertThat(scrapeShowing("proxy_config_auth_failures_total{scheme=\"api_key\"}", apiKey + 1)).doesNotContain("wrong-token-6f1d")
                .doesNotContain("wrong-key-0b2e").doesNotContain(TestApi.ADMIN_TOKEN);
    }

    @Test
    void onlyGetIsServed() {
        assertThat(send(request(Method.POST, "/metrics")).statusCode()).isEqualTo(405);
    }
}
