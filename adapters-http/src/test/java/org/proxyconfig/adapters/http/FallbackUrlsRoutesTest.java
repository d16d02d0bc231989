package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;

/** {@code fallback_urls} and {@code fallback_cooldown} on the wire: the main object and a route's own proxy. */
@RoutingTest
class FallbackUrlsRoutesTest extends ApiRouteTest {

    private static final String MAIN = "/api/proxy-config";
    private static final String ROUTES = "/api/proxy-config/routes";

    FallbackUrlsRoutesTest(DirectClient client) {
        super(client);
    }

    /** The {@code error} object of a refusal (its whole shape is ProxyConfigRoutesTest's to check). */
    private static JsonObject error(Reply response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response.body()).getJsonObject("error");
    }

    private ProxyConfig stored() {
        return API.store().read(RevisionLog::latest).orElseThrow().config();
    }

    @Test
    void theMainObjectTakesAnOrderedListAndItsCooldown() {
        Reply put = put(MAIN, """
                {"enabled": true, "url": "http://a.corp:3128", "enable_for_api": true,
                 "fallback_urls": ["http://b.corp:3128", "https://c.corp:8443"], "fallback_cooldown": 15}""");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(stored().fallbackUrls()).containsExactly("http://b.corp:3128", "https://c.corp:8443");
        JsonObject got = json(get(MAIN).body());
        assertThat(got.getJsonArray("fallback_urls").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("http://b.corp:3128", "https://c.corp:8443");
        assertThat(got.getInt("fallback_cooldown")).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # fallback_urls, as sent                | param            | reason
            "http://b.corp:3128"                    | fallback_urls    | must be an array of strings
            ["http://b.corp:3128", 7]               | fallback_urls[1] | must be a string
            ["socks5://b.corp:1080"]                | fallback_urls[0] | socks5
            ["http://a.corp:3128"]                  | fallback_urls[0] | is the same proxy as url
            """)
    void aBadListIsRefusedNamingTheEntryAndNothingIsStored(String list, String param, String reason) {
        Reply put = put(MAIN, "{\"enabled\": true, \"url\": \"http://a.corp:3128\", \"fallback_urls\": " + list + "}");

        JsonObject error = error(put, 400);
        assertThat(error.getString("param")).isEqualTo(param);
        assertThat(error.getString("message")).contains(reason);
        assertThat(API.store().read(RevisionLog::latest)).as("nothing stored").isEmpty();
    }

    @Test
    void aCooldownOutOfRangeIsRefused() {
        Reply put = put(MAIN, "{\"enabled\": true, \"url\": \"http://a.corp:3128\", \"fallback_cooldown\": 0}");

        assertThat(error(put, 400).getString("param")).isEqualTo("fallback_cooldown");
    }

    @Test
    void aRouteProxyTakesTheSameFieldsAndItsErrorsNameTheRoute() {
        Reply bad = put(ROUTES, """
                {"routes": [{"match": "x.example", "via": {"url": "http://r.corp:1", "fallback_urls": ["http://r.corp:1"]}}]}""");
        Reply good = put(ROUTES, """
                {"routes": [{"match": "x.example", "via": {"url": "http://r.corp:1", "fallback_urls": ["http://s.corp:2"],
                 "fallback_cooldown": 5}}]}""");

        assertThat(error(bad, 400).getString("param")).isEqualTo("routes[0].via.fallback_urls[0]");
        assertThat(good.statusCode()).isEqualTo(200);
        ProxyRoutes routes = API.store().read(RevisionLog::latest).orElseThrow().routes();
        assertThat(routes.get(0).via().ownProxy().orElseThrow().fallbackUrls()).isEqualTo(List.of("http://s.corp:2"));
        assertThat(get(ROUTES).body()).contains("\"fallback_urls\":[\"http://s.corp:2\"],\"fallback_cooldown\":5");
    }
}
