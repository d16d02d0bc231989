package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.Revision;

/** {@code /api/proxy-config/routes}: its own resource in the main object's revision history (docs/openapi.yaml). */
@RoutingTest
class ProxyRoutesRoutesTest extends ApiRouteTest {

    private static final String PATH = "/api/proxy-config/routes";
    private static final String SECRET = "route-Pa55-unique-41d7";
    private static final String ROUTES = """
            {"routes": [
              {"match": ".Direct.Example", "via": "direct"},
              {"match": "second.example", "purposes": ["api"], "via": {"type": "http", "url": "http://second.corp:8080",
               "username": "bob", "password": "%s", "timeout": 5}}
            ]}""".formatted(SECRET);

    ProxyRoutesRoutesTest(DirectClient client) {
        super(client);
    }

    private Reply putIfMatch(String tag, String body) {
        return send(request(Method.PUT, PATH).header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(CONTENT_TYPE, "application/json").header(HeaderNames.IF_MATCH, tag), body);
    }

    private Reply as(String token, Method method, String body) {
        var request = request(method, PATH).header(AUTHORIZATION, "Bearer " + token).header(CONTENT_TYPE, "application/json");
        return body == null ? send(request) : send(request, body);
    }

    private Revision latest() {
        return API.store().read(RevisionLog::latest).orElse(null);
    }

    @Test
    void noRoutesAtFirstAtRevisionZero() {
        Reply got = get(PATH);

        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("{\"routes\":[]}");
        assertThat(got.header("ETag")).hasValue("\"0\"");
    }

    @Test
    void putStoresTheRoutesAndGetShowsThemNormalizedWithThePasswordRedacted() {
        Reply put = put(PATH, ROUTES);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"status\":\"success\",\"message\":\"proxy routes updated successfully\"}");
        assertThat(put.header("ETag")).hasValue("\"1\"");
        Reply got = get(PATH);
        assertThat(got.header("ETag")).hasValue("\"1\"");
        assertThat(got.body()).doesNotContain(SECRET).isEqualTo("""
                {"routes":[{"match":".direct.example","purposes":["scim","inference","api"],"via":"direct"},\
                {"match":"second.example","purposes":["api"],"via":{"type":"http","url":"http://second.corp:8080",\
                "username":"bob","password":"<redacted>","timeout":5,"skip_tls_verify":false,"ca_cert_pem":"",\
                "fallback_urls":[],"fallback_cooldown":60}}]}""");
    }

    @Test
    void theRedactedPasswordSentBackKeepsTheStoredOne() {
        put(PATH, ROUTES);

        assertThat(put(PATH, get(PATH).body()).statusCode()).isEqualTo(200);

        assertThat(latest().routes().get(1).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void aPutOfTheMainObjectKeepsTheRoutesAndMovesTheirETag() {
        put(PATH, ROUTES);

        assertThat(put(ProxyConfigRoutesTest.PATH, ProxyConfigRoutesTest.VALID).statusCode()).isEqualTo(200);

        Reply got = get(PATH);
        assertThat(got.header("ETag")).hasValue("\"2\"");
        assertThat(json(got.body()).getJsonArray("routes")).hasSize(2);
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        put(PATH, ROUTES);
        put(ProxyConfigRoutesTest.PATH, ProxyConfigRoutesTest.VALID);
        Revision before = latest();

        Reply stale = putIfMatch("\"1\"", "{\"routes\": []}");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale.body()).getJsonObject("error").getString("code")).isEqualTo("precondition_failed");
        assertThat(latest()).isEqualTo(before);
        assertThat(putIfMatch("\"2\"", "{\"routes\": []}").header("ETag")).hasValue("\"3\"");
    }

    @Test
    void aBrokenRouteIsA400NamingItsIndexAndFieldAndChangesNothing() {
        put(PATH, ROUTES);
        Revision before = latest();

        Reply refused = put(PATH, """
                {"routes": [{"match": "a.example", "via": "direct"},
                            {"match": "b.example", "via": {"url": "ftp://p.example:21", "password": "%s"}}]}""".formatted(SECRET));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject error = json(refused.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo("routes[1].via.url");
        assertThat(error.getString("code")).isEqualTo("invalid_proxy_url");
        assertThat(refused.body()).doesNotContain(SECRET);
        assertThat(latest()).isEqualTo(before);
    }

    @Test
    void aRoutePasswordIsInNoLogLineOfAnAcceptedOrRefusedWrite() {
        try (LogCapture logs = new LogCapture()) {
            put(PATH, ROUTES);
            put(PATH, ROUTES.replace("http://second.corp:8080", "ftp://second.corp:21"));
            put(PATH, ROUTES.replace("\"timeout\": 5", "\"timeout\": \"5\""));

            assertThat(logs.text()).contains("routes update revision=1").contains("routes[1].via.url")
                    .contains("routes[1].via.timeout").doesNotContain(SECRET);
        }
    }

    @Test
    void anUnknownMemberIsA400NamingIt() {
        Reply refused = put(PATH, "{\"routes\": [{\"match\": \"a.example\", \"via\": \"direct\", \"purpose\": [\"api\"]}]}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).getJsonObject("error").getString("param")).isEqualTo("routes[0].purpose");
        assertThat(latest()).isNull();
    }

    @Test
    void aDryRunAnswersTheRoutesAsTheyWouldBeStoredAndStoresNothing() {
        Reply dryRun = put(PATH + "?dry_run=true", ROUTES);

        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.header("ETag")).isEmpty();
        assertThat(json(dryRun.body()).getJsonArray("routes").getJsonObject(0).getString("match")).isEqualTo(".direct.example");
        assertThat(dryRun.body()).doesNotContain(SECRET);
        assertThat(latest()).isNull();
    }

    @Test
    void aViewerReadsButOnlyAnAdminWrites() {
        put(PATH, ROUTES);

        assertThat(as(TestApi.VIEWER_TOKEN, Method.GET, null).statusCode()).isEqualTo(200);
        Reply refused = as(TestApi.VIEWER_TOKEN, Method.PUT, "{\"routes\": []}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(as(TestApi.EGRESS_TOKEN, Method.GET, null).statusCode()).isEqualTo(403);
        assertThat(latest().number()).isEqualTo(1);
    }

    @Test
    void aRoutesWriteIsInTheHistoryAndARestoreBringsTheRoutesBack() {
        put(PATH, ROUTES);
        put(PATH, "{\"routes\": []}");

        String history = get(ProxyConfigRoutesTest.PATH + "/history?limit=2").body();
        var revisions = json(history).getJsonArray("revisions");
        assertThat(revisions.getJsonObject(0).getJsonArray("changed")).hasToString("[\"routes\"]");
        assertThat(revisions.getJsonObject(0).getJsonArray("routes")).isEmpty();
        assertThat(revisions.getJsonObject(1).getJsonArray("routes").getJsonObject(1).getJsonObject("via")
                .getString("password")).isEqualTo("<redacted>");
        assertThat(history).doesNotContain(SECRET);

        Reply restored = send(request(Method.POST, ProxyConfigRoutesTest.PATH + "/history/1/restore")
                .header(AUTHORIZATION, TestApi.ADMIN_BEARER));
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(json(get(PATH).body()).getJsonArray("routes")).hasSize(2);
    }

    @Test
    void theDryRunSaysWhichRouteDecided() {
        put(ProxyConfigRoutesTest.PATH, ProxyConfigRoutesTest.VALID);
        put(PATH, ROUTES);

        JsonObject direct = json(send(request(Method.POST, "/api/proxy-config/test").header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(CONTENT_TYPE, "application/json"), "{\"target\":\"https://api.direct.example/v1\",\"purpose\":\"api\"}").body());
        JsonObject second = json(send(request(Method.POST, "/api/proxy-config/test").header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(CONTENT_TYPE, "application/json"), "{\"target\":\"https://second.example/v1\",\"purpose\":\"api\"}").body());

        assertThat(direct.getString("route")).isEqualTo("direct");
        assertThat(direct.getString("decided_by")).isEqualTo("route 0 (match .direct.example) → direct");
        assertThat(second.getString("route")).isEqualTo("proxy");
        assertThat(second.getString("decided_by")).isEqualTo("route 1 (match second.example) → proxy http://second.corp:8080");
        assertThat(second.getString("proxy")).isEqualTo("http://second.corp:8080");
    }

    @Test
    void otherMethodsAre405() {
        Reply reply = send(request(Method.DELETE, PATH).header(AUTHORIZATION, TestApi.ADMIN_BEARER));

        assertThat(reply.statusCode()).isEqualTo(405);
        assertThat(reply.header("Allow")).hasValue("GET, PUT");
    }

    @Test
    void aRouteProxyTakesFallbacksAndTheirErrorsNameTheRoute() {
        Reply bad = put(PATH, """
                {"routes": [{"match": "x.example", "via": {"url": "http://r.corp:1", "fallback_urls": ["http://r.corp:1"]}}]}""");
        Reply good = put(PATH, """
                {"routes": [{"match": "x.example", "via": {"url": "http://r.corp:1", "fallback_urls": ["http://s.corp:2"],
                 "fallback_cooldown": 5}}]}""");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).getJsonObject("error").getString("param")).isEqualTo("routes[0].via.fallback_urls[0]");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(latest().routes().get(0).via().ownProxy().orElseThrow().fallbackUrls()).containsExactly("http://s.corp:2");
        assertThat(get(PATH).body()).contains("\"fallback_urls\":[\"http://s.corp:2\"],\"fallback_cooldown\":5");
    }
}
