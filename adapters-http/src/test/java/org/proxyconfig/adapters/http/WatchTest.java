package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The effective configuration and the watch (docs/openapi.yaml): {@code If-None-Match} answers
 * 304 while the tag is current, and {@code ?wait=} holds the request until a newer revision is in
 * force. Over a real socket, because a held request and the write that releases it run at once.
 */
@ServerTest
class WatchTest extends ApiRouteTest {

    private static final String PATH = "/api/proxy-config";
    private static final String EFFECTIVE = PATH + "/effective";
    private static final String EGRESS_BEARER = "Bearer " + TestApi.EGRESS_TOKEN;
    private static final String WITH_PASSWORD =
            "{\"enabled\":true,\"url\":\"proxy.example:3128\",\"username\":\"u\",\"password\":\"effective-secret-9d\"}";
    private static final String ROUTE_SECRET = "route-effective-secret-4e";
    private static final String ROUTES_WITH_PASSWORD = "{\"routes\":[{\"match\":\".direct.example\",\"via\":\"direct\"},"
            + "{\"match\":\"api.example.com\",\"purposes\":[\"api\"],\"via\":{\"url\":\"http://second.example:8080\","
            + "\"username\":\"r\",\"password\":\"" + ROUTE_SECRET + "\"}}]}";

    WatchTest(Http1Client client) {
        super(client);
    }

    private Reply asEgress(String path, String ifNoneMatch) {
        var request = request(Method.GET, path).header(AUTHORIZATION, EGRESS_BEARER);
        if (ifNoneMatch != null) request.header(HeaderNames.IF_NONE_MATCH, ifNoneMatch);
        return send(request);
    }

    private Reply asAdmin(String path, String ifNoneMatch) {
        return send(request(Method.GET, path).header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(HeaderNames.IF_NONE_MATCH, ifNoneMatch));
    }

    @Test
    void theEffectiveConfigurationIsTheGetBodyWithThePasswordInClearNeverCachedAndAudited() {
        put(PATH, WITH_PASSWORD);
        try (LogCapture logs = new LogCapture()) {
            Reply effective = asEgress(EFFECTIVE, null);

            assertThat(effective.statusCode()).isEqualTo(200);
            assertThat(effective.header("ETag")).hasValue("\"1\"");
            assertThat(effective.header("Cache-Control")).hasValue("no-store");
            JsonObject body = json(effective.body());
            JsonObject shown = json(get(PATH).body());
            assertThat(body.getString("password")).isEqualTo("effective-secret-9d");
            assertThat(shown.getString("password")).isEqualTo("<redacted>");
            assertThat(body.keySet()).containsAll(shown.keySet()).hasSize(shown.size() + 1);
            shown.keySet().stream().filter(k -> !k.equals("password"))
                    .forEach(k -> assertThat(body.get(k)).as(k).isEqualTo(shown.get(k)));
            assertThat(body.getJsonArray("routes")).as("no routes").isEmpty();

            assertThat(logs.text()).containsPattern("audit: effective-read revision=1 actor=egress-token from=127\\.0\\.0\\.1:\\d+")
                    .doesNotContain("effective-secret-9d", TestApi.EGRESS_TOKEN);
        }
    }

    @Test
    void theEffectiveConfigurationCarriesTheRoutesWithTheirPasswordsInClearOnlyThere() {
        put(PATH, WITH_PASSWORD);
        try (LogCapture logs = new LogCapture()) {
            assertThat(put(PATH + "/routes", ROUTES_WITH_PASSWORD).statusCode()).isEqualTo(200);

            Reply effective = asEgress(EFFECTIVE, null);

            assertThat(effective.header("ETag")).hasValue("\"2\"");
            JsonObject body = json(effective.body());
            assertThat(body.getString("url")).isEqualTo("proxy.example:3128");
            String routes = get(PATH + "/routes").body();
            assertThat(routes).doesNotContain(ROUTE_SECRET);
            assertThat("{\"routes\":" + body.getJsonArray("routes") + "}")
                    .isEqualTo(routes.replace("\"<redacted>\"", "\"" + ROUTE_SECRET + "\"")
                            .replace(",\"fallback_urls\":[],\"fallback_cooldown\":60", "")); // defaults left out for older followers
            assertThat(get(PATH).body() + get(PATH + "/history").body()).doesNotContain(ROUTE_SECRET);
            assertThat(logs.text()).contains("audit: effective-read revision=2").doesNotContain(ROUTE_SECRET);
        }
    }

    @Test
    void aHeldEffectiveRequestAnswersAChangeOfTheRoutesAlone() throws Exception {
        put(PATH, WITH_PASSWORD);
        CompletableFuture<Reply> held = CompletableFuture.supplyAsync(() -> asEgress(EFFECTIVE + "?wait=120", "\"1\""));
        awaitWatchers(1);

        assertThat(put(PATH + "/routes", ROUTES_WITH_PASSWORD).statusCode()).isEqualTo(200);

        Reply answer = held.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("ETag")).hasValue("\"2\"");
        assertThat(json(answer.body()).getJsonArray("routes")).hasSize(2);
    }

    @Test
    void aCurrentTagIs304OnBothRoutesAndAStaleOneGetsTheBody() {
        put(PATH, WITH_PASSWORD);
        for (String current : new String[] {"\"1\"", "W/\"1\"", "\"0\", \"1\"", "*"}) {
            Reply effective = asEgress(EFFECTIVE, current);
            assertThat(effective.statusCode()).as(current).isEqualTo(304);
            assertThat(effective.header("ETag")).hasValue("\"1\"");
            assertThat(effective.body()).isEmpty();
            assertThat(asAdmin(PATH, current).statusCode()).as(current).isEqualTo(304);
        }
        for (String stale : new String[] {"\"0\"", "\"2\"", "\"junk\""}) {
            assertThat(asEgress(EFFECTIVE, stale).statusCode()).as(stale).isEqualTo(200);
            assertThat(asAdmin(PATH, stale).statusCode()).as(stale).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EFFECTIVE, PATH})
    void aHeldRequestAnswersWithTheNewRevisionAsSoonAsItIsInForce(String path) throws Exception {
        put(PATH, WITH_PASSWORD);
        CompletableFuture<Reply> held = CompletableFuture.supplyAsync(() -> path.equals(EFFECTIVE)
                ? asEgress(path + "?wait=120", "\"1\"") : asAdmin(path + "?wait=120", "\"1\""));
        awaitWatchers(1);

        assertThat(put(PATH, WITH_PASSWORD.replace("3128", "3129")).statusCode()).isEqualTo(200);

        Reply answer = held.get(30, TimeUnit.SECONDS); // long before the 120 s wait is over
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("ETag")).hasValue("\"2\"");
        assertThat(json(answer.body()).getString("url")).isEqualTo("proxy.example:3129");
    }

    @Test
    void aWaitThatSeesNoChangeEndsIn304() {
        put(PATH, WITH_PASSWORD);

        Reply answer = asEgress(EFFECTIVE + "?wait=1", "\"1\"");

        assertThat(answer.statusCode()).isEqualTo(304);
        assertThat(answer.header("ETag")).hasValue("\"1\"");
    }

    @Test
    void withoutACurrentTagAWaitingRequestIsAnsweredAtOnce() throws Exception {
        put(PATH, WITH_PASSWORD);

        Reply answer = CompletableFuture.supplyAsync(() -> asEgress(EFFECTIVE + "?wait=300", "\"0\""))
                .get(30, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("ETag")).hasValue("\"1\"");
    }

    @Test
    void stoppingTheWatchesAnswersTheHeldRequestsAt304() throws Exception {
        CompletableFuture<Reply> held = CompletableFuture.supplyAsync(() -> asEgress(EFFECTIVE + "?wait=300", "\"0\""));
        awaitWatchers(1);

        API.active().stopWatches();

        Reply answer = held.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(304);
        assertThat(API.active().watching()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "301", "x", "1.5", ""})
    void aBadWaitIs400NamingTheParameter(String wait) {
        Reply answer = asEgress(EFFECTIVE + "?wait=" + wait, "\"0\"");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer.body()).getJsonObject("error").getString("param")).isEqualTo("wait");
    }

    /** Until {@code n} requests are held: polled, because the hold happens on the server's thread. */
    private static void awaitWatchers(int n) {
        Eventually.until(n + " request(s) held", Duration.ofSeconds(30), () -> API.active().watching() >= n);
    }

    @Test
    void aConditionalGetIsAnsweredFromTheRevisionInForceSoAStoreOutageDoesNotBreakIt() {
        put(PATH, WITH_PASSWORD);
        API.replaceGet(() -> {
            throw new org.proxyconfig.application.StoreUnavailableException("the store is down for this test", null);
        });

        Reply unconditional = get(PATH);
        Reply current = asAdmin(PATH, "\"1\"");
        Reply stale = asAdmin(PATH, "\"0\"");

        assertThat(unconditional.statusCode()).as("a plain GET reads the store").isEqualTo(503);
        assertThat(current.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.header("ETag")).hasValue("\"1\"");
        assertThat(json(stale.body()).getString("password")).isEqualTo("<redacted>");
    }
}
