package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.adapters.http.metrics.TrafficLog;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * {@code GET /api/traffic} (docs/openapi.yaml): what the observer the outbound clients are given
 * heard, per purpose, for a viewer as for an admin, never cached; who may call it is in
 * {@link SecurityTest}'s table. The traffic log is the API's and shared by the route tests, so the
 * counts are read as what this test's events added.
 */
@RoutingTest
class TrafficRoutesTest extends ApiRouteTest {

    private static final RouteDecision PROXY = new RouteDecision(RouteDecision.Route.PROXY,
            RouteDecision.DecidedBy.PROXY_FOR_PURPOSE, "", Optional.of(ProxyList.of(new ProxyEndpoint("http", "proxy.corp", 3128))));
    private static final RouteDecision NO_PROXY = new RouteDecision(RouteDecision.Route.DIRECT,
            RouteDecision.DecidedBy.NO_PROXY_ENTRY, ".internal.example", Optional.empty());

    TrafficRoutesTest(DirectClient client) {
        super(client);
    }

    private Reply asViewer() {
        return send(request(Method.GET, "/api/traffic").header(AUTHORIZATION, "Bearer " + TestApi.VIEWER_TOKEN));
    }

    private static JsonObject purpose(JsonObject body, String name) {
        return body.getJsonArray("purposes").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("purpose").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aViewerReadsTheCountsTheOutboundObserverHeardPerPurpose() {
        JsonObject before = purpose(json(asViewer().body()), "scim");
        EgressObserver egress = API.metrics.egress();

        egress.routed(Purpose.SCIM, PROXY);
        egress.routed(Purpose.SCIM, NO_PROXY);
        egress.routed(Purpose.SCIM, PROXY);
        egress.failed(Purpose.SCIM, PROXY, EgressFailure.PROXY_AUTH_REQUIRED, "idp.example.com");
        Reply reply = asViewer();

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("application/json");
        assertThat(reply.header("Cache-Control")).hasValue("no-store");
        JsonObject body = json(reply.body());
        assertThat(body.getInt("bucket_seconds")).isEqualTo(10);
        assertThat(body.getString("at")).isNotEmpty();
        assertThat(body.getString("since")).isNotEmpty();
        assertThat(body.getString("window_start")).isNotEmpty();
        assertThat(body.getJsonArray("purposes")).extracting(p -> ((JsonObject) p).getString("purpose"))
                .containsExactly("scim", "inference", "api");
        JsonObject scim = purpose(body, "scim");
        assertThat(scim.getInt("proxy")).isEqualTo(before.getInt("proxy") + 2);
        assertThat(scim.getInt("direct")).isEqualTo(before.getInt("direct") + 1);
        assertThat(scim.getJsonObject("direct_by").getInt("no_proxy"))
                .isEqualTo(before.getJsonObject("direct_by").getInt("no_proxy", 0) + 1);
        assertThat(scim.getJsonObject("direct_by")).doesNotContainKey("proxy");
        assertThat(scim.getJsonObject("failures").getInt("proxy_auth_required"))
                .isEqualTo(before.getJsonObject("failures").getInt("proxy_auth_required", 0) + 1);
        JsonObject last = scim.getJsonObject("last_proxy_failure");
        assertThat(last.getString("kind")).isEqualTo("proxy_auth_required");
        assertThat(last.getString("host")).isEqualTo("idp.example.com");
        assertThat(java.time.Instant.parse(last.getString("at"))).isBeforeOrEqualTo(java.time.Instant.parse(body.getString("at")));
        JsonObject recent = scim.getJsonObject("recent");
        for (String series : new String[] {"proxy", "direct", "failed"}) {
            assertThat(recent.getJsonArray(series)).as(series).hasSize(TrafficLog.BUCKETS);
        }
        // The Prometheus counters heard the same events: one observer tells both.
        assertThat(API.metrics.registry().get("proxy_config.outbound.failures")
                .tags("purpose", "scim", "route", "proxy", "kind", "proxy_auth_required").counter().count()).isPositive();
    }

    @Test
    void anAdminReadsItTooAndOnlyGetIsServed() {
        assertThat(get("/api/traffic").statusCode()).isEqualTo(200);
        assertThat(send(request(Method.POST, "/api/traffic").header(AUTHORIZATION, TestApi.ADMIN_BEARER), "{}").statusCode())
                .isEqualTo(405);
    }

    @Test
    void withoutACredentialItIsRefused() {
        assertThat(send(request(Method.GET, "/api/traffic")).statusCode()).isEqualTo(401);
    }
}
