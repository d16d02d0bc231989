package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Authentication, roles, the brute-force brake and optimistic concurrency (docs/decisions/0006-api-security.md). */
class SecurityTest {

    private static final String PATH = "/api/proxy-config";
    private static final String VALID = "{\"enabled\":true,\"url\":\"proxy.example:3128\",\"username\":\"u\",\"password\":\"p\"}";

    private final ApiServer api = new ApiServer();

    @BeforeEach
    void storeOneRevision() {
        assertThat(api.put(PATH, VALID).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A route of the API and how to call it once authenticated as {@code caller}. */
    private record Route(String name, boolean writes, java.util.function.BiFunction<ApiServer, UnaryOperator<HttpRequest.Builder>, HttpRequest> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET /api/proxy-config", false, (api, auth) -> auth.apply(api.request(PATH)).GET().build()),
            new Route("PUT /api/proxy-config", true, (api, auth) -> auth.apply(api.request(PATH))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(VALID)).build()),
            new Route("GET /api/whoami", false, (api, auth) -> auth.apply(api.request("/api/whoami")).GET().build()),
            new Route("GET /api/proxy-config/history", false,
                    (api, auth) -> auth.apply(api.request(PATH + "/history")).GET().build()),
            new Route("POST /api/proxy-config/history/1/restore", true,
                    (api, auth) -> auth.apply(api.request(PATH + "/history/1/restore"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build()),
            new Route("POST /api/proxy-config/test", true,
                    (api, auth) -> auth.apply(api.request(PATH + "/test")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"target\":\"https://api.example.com/v1\",\"purpose\":\"api\"}")).build()));

    private enum Caller { NONE, WRONG, VIEWER, ADMIN }

    private enum Scheme { BEARER, BASIC, API_KEY }

    private static UnaryOperator<HttpRequest.Builder> credentials(Caller caller, Scheme scheme) {
        if (caller == Caller.NONE) return b -> b;
        String token = switch (caller) {
            case WRONG -> "not-a-token";
            case VIEWER -> ApiServer.VIEWER_TOKEN;
            default -> ApiServer.ADMIN_TOKEN;
        };
        String userPassword = switch (caller) {
            case WRONG -> ApiServer.ADMIN_USER + ":wrong-password";
            case VIEWER -> ApiServer.VIEWER_USER + ":" + ApiServer.VIEWER_PASSWORD;
            default -> ApiServer.ADMIN_USER + ":" + ApiServer.ADMIN_PASSWORD;
        };
        return switch (scheme) {
            case BEARER -> b -> b.header("Authorization", "Bearer " + token);
            case API_KEY -> b -> b.header("x-api-key", token);
            case BASIC -> b -> b.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
        };
    }

    static Stream<Arguments> everyRouteCallerAndScheme() {
        List<Arguments> all = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Caller caller : Caller.values()) {
                for (Scheme scheme : Scheme.values()) {
                    int expected = switch (caller) {
                        case NONE, WRONG -> 401;
                        case VIEWER -> route.writes() ? 403 : 200;
                        case ADMIN -> 200;
                    };
                    all.add(Arguments.of(Named.of(route.name(), route), caller, scheme, expected));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {1} by {2} -> {3}")
    @MethodSource("everyRouteCallerAndScheme")
    void everyRouteAnswersEachCallerAsItsRoleAllows(Route route, Caller caller, Scheme scheme, int expected) {
        HttpResponse<String> response = api.send(route.request().apply(api, credentials(caller, scheme)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            JsonObject body = ApiServer.json(response.body());
            assertThat(body.getInt("status_code")).isEqualTo(expected);
            assertThat(body.getJsonObject("error").getString("code"))
                    .isEqualTo(expected == 401 ? "unauthorized" : "forbidden");
        }
        if (expected == 401) {
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .anyMatch(v -> v.startsWith("Bearer")).anyMatch(v -> v.startsWith("Basic"));
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("callersAndSchemes")
    void whoAmINamesThePrincipalAndItsRoleNeverTheCredential(Caller caller, Scheme scheme) {
        HttpResponse<String> response = api.send(credentials(caller, scheme).apply(api.request("/api/whoami")).GET().build());

        JsonObject me = ApiServer.json(response.body());
        assertThat(me.getString("role")).isEqualTo(caller == Caller.ADMIN ? "admin" : "viewer");
        assertThat(me.getString("name")).isEqualTo(switch (scheme) {
            case BASIC -> caller == Caller.ADMIN ? ApiServer.ADMIN_USER : ApiServer.VIEWER_USER;
            default -> caller == Caller.ADMIN ? "admin-token" : "viewer-token";
        });
        assertThat(response.body()).doesNotContain(ApiServer.ADMIN_TOKEN, ApiServer.VIEWER_TOKEN,
                ApiServer.ADMIN_PASSWORD, ApiServer.VIEWER_PASSWORD);
    }

    static Stream<Arguments> callersAndSchemes() {
        return Stream.of(Caller.ADMIN, Caller.VIEWER)
                .flatMap(caller -> Stream.of(Scheme.values()).map(scheme -> Arguments.of(caller, scheme)));
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoCredentials() {
        assertThat(api.send(api.request("/health").GET().build()).statusCode()).isEqualTo(200);
        assertThat(api.send(api.request("/openapi").GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownApiPathAsksForCredentialsBeforeSayingItDoesNotExist() {
        assertThat(api.send(api.request("/api/unknown").GET().build()).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownAuthorizationSchemeOrBrokenBasicIsUnauthorized() {
        assertThat(api.send(api.request(PATH).header("Authorization", "Digest abc").GET().build()).statusCode()).isEqualTo(401);
        assertThat(api.send(api.request(PATH).header("Authorization", "Basic %%%").GET().build()).statusCode()).isEqualTo(401);
        assertThat(api.send(api.request(PATH).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))).GET().build())
                .statusCode()).isEqualTo(401);
        assertThat(api.send(api.request(PATH).header("Authorization", "Bearer").GET().build()).statusCode()).isEqualTo(401);
    }

    @Test
    void afterTenFailuresInAMinuteFurtherFailuresAre429ButValidCredentialsStillPass() {
        HttpRequest wrong = api.request(PATH).header("Authorization", "Bearer guess").GET().build();
        for (int i = 1; i <= 10; i++) {
            assertThat(api.send(wrong).statusCode()).as("attempt " + i).isEqualTo(401);
        }
        HttpResponse<String> braked = api.send(wrong);
        assertThat(braked.statusCode()).isEqualTo(429);
        assertThat(braked.headers().firstValue("Retry-After")).isPresent();
        assertThat(ApiServer.json(braked.body()).getJsonObject("error").getString("code")).isEqualTo("too_many_failed_attempts");

        assertThat(api.get(PATH).statusCode()).isEqualTo(200);

        api.clock.advance(Duration.ofSeconds(61));
        assertThat(api.send(wrong).statusCode()).isEqualTo(401);
    }

    @Test
    void theActorInTheHistoryIsThePrincipalNeverTheCredential() {
        HttpRequest asOps = api.request(PATH).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ApiServer.ADMIN_USER + ":" + ApiServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(VALID)).build();
        assertThat(api.send(asOps).statusCode()).isEqualTo(200);

        String history = api.get(PATH + "/history").body();
        JsonObject newest = ApiServer.json(history).getJsonArray("revisions").getJsonObject(0);
        assertThat(newest.getString("actor")).isEqualTo("ops");
        assertThat(ApiServer.json(history).getJsonArray("revisions").getJsonObject(1).getString("actor")).isEqualTo("admin-token");
        assertThat(history).doesNotContain(ApiServer.ADMIN_TOKEN, ApiServer.ADMIN_PASSWORD);
    }

    @Test
    void getGivesTheRevisionAsETagAndAPutWithAStaleIfMatchIs412AndChangesNothing() {
        HttpResponse<String> got = api.get(PATH);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> first = putIfMatch("\"1\"", VALID.replace("3128", "3129"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"2\"");

        String before = api.get(PATH).body();
        HttpResponse<String> stale = putIfMatch("\"1\"", VALID.replace("3128", "3130"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(ApiServer.json(stale.body()).getJsonObject("error").getString("code")).isEqualTo("precondition_failed");
        assertThat(api.get(PATH).body()).isEqualTo(before);

        assertThat(putIfMatch("W/\"2\"", VALID).statusCode()).isEqualTo(412);
        assertThat(putIfMatch("\"abc\"", VALID).statusCode()).isEqualTo(412);
        assertThat(putIfMatch("*", VALID).statusCode()).isEqualTo(200);
        assertThat(api.put(PATH, VALID).statusCode()).isEqualTo(200); // no If-Match: as the seed's clients
    }

    @Test
    void historyIsPagedNewestFirstWithRedactedConfigsAndChangedFields() {
        api.put(PATH, VALID.replace("\"password\":\"p\"", "\"password\":\"hist-secret\""));
        api.put(PATH, VALID.replace("proxy.example", "other.example").replace("\"password\":\"p\"", "\"password\":\"hist-secret\""));

        JsonObject page = ApiServer.json(api.get(PATH + "/history?limit=2").body());
        var revisions = page.getJsonArray("revisions");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.getJsonObject(0).getInt("revision")).isEqualTo(3);
        assertThat(revisions.getJsonObject(0).getJsonArray("changed").getString(0)).isEqualTo("url");
        assertThat(revisions.getJsonObject(1).getJsonArray("changed").toString()).isEqualTo("[\"password\"]");
        assertThat(revisions.getJsonObject(0).getJsonObject("config").getString("password")).isEqualTo("<redacted>");
        assertThat(revisions.getJsonObject(0).getString("at")).endsWith("Z");
        assertThat(page.getInt("next_before")).isEqualTo(2);

        JsonObject last = ApiServer.json(api.get(PATH + "/history?limit=2&before=2").body());
        assertThat(last.getJsonArray("revisions")).hasSize(1);
        assertThat(last).doesNotContainKey("next_before");
        assertThat(api.get(PATH + "/history").body()).doesNotContain("hist-secret");
    }

    @Test
    void badHistoryParametersAre400NamingTheParameter() {
        for (String query : List.of("limit=0", "limit=101", "limit=x", "before=-1", "before=")) {
            HttpResponse<String> response = api.get(PATH + "/history?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(ApiServer.json(response.body()).getJsonObject("error").getString("param"))
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void restoreMakesAnEarlierRevisionCurrentAndAnUnknownOneIs404() {
        api.put(PATH, VALID.replace("proxy.example", "second.example").replace("\"password\":\"p\"", "\"password\":\"p2\""));

        HttpResponse<String> restored = api.send(api.request(PATH + "/history/1/restore")
                .header("Authorization", ApiServer.ADMIN_BEARER).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.headers().firstValue("ETag")).hasValue("\"3\"");
        assertThat(ApiServer.json(restored.body()).getInt("revision")).isEqualTo(3);
        assertThat(api.get(PATH).body()).contains("proxy.example:3128");
        assertThat(api.store.read(log -> log.latest()).orElseThrow().config().password().reveal()).isEqualTo("p");

        HttpResponse<String> unknown = api.send(api.request(PATH + "/history/99/restore")
                .header("Authorization", ApiServer.ADMIN_BEARER).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ApiServer.json(unknown.body()).getJsonObject("error").getString("code")).isEqualTo("revision_not_found");
    }

    private HttpResponse<String> putIfMatch(String ifMatch, String body) {
        return api.send(api.request(PATH).header("Authorization", ApiServer.ADMIN_BEARER).header("If-Match", ifMatch)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
