package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Authentication, roles, the brute-force brake and optimistic concurrency (docs/decisions/0006-api-security.md), in memory. */
@RoutingTest
class SecurityTest extends ApiRouteTest {

    private static final String PATH = "/api/proxy-config";
    private static final String VALID = "{\"enabled\":true,\"url\":\"proxy.example:3128\",\"username\":\"u\",\"password\":\"p\"}";

    SecurityTest(DirectClient client) {
        super(client);
    }

    @BeforeEach
    void storeOneRevision() {
        assertThat(put(PATH, VALID).statusCode()).isEqualTo(200);
    }

    /** A route of the API and how to call it once authenticated as {@code caller}. */
    private record Route(String name, boolean writes, boolean effective,
                         BiFunction<SecurityTest, UnaryOperator<Http1ClientRequest>, Reply> call) {
        Route(String name, boolean writes, BiFunction<SecurityTest, UnaryOperator<Http1ClientRequest>, Reply> call) {
            this(name, writes, false, call);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET /api/proxy-config", false, (t, auth) -> t.send(auth.apply(t.request(Method.GET, PATH)))),
            new Route("PUT /api/proxy-config", true, (t, auth) -> t.send(auth.apply(t.request(Method.PUT, PATH))
                    .header(CONTENT_TYPE, "application/json"), VALID)),
            new Route("GET /api/proxy-config/routes", false,
                    (t, auth) -> t.send(auth.apply(t.request(Method.GET, PATH + "/routes")))),
            new Route("PUT /api/proxy-config/routes", true, (t, auth) -> t.send(auth.apply(t.request(Method.PUT, PATH + "/routes"))
                    .header(CONTENT_TYPE, "application/json"), "{\"routes\":[{\"match\":\"a.example\",\"via\":\"direct\"}]}")),
            new Route("GET /api/whoami", false, (t, auth) -> t.send(auth.apply(t.request(Method.GET, "/api/whoami")))),
            new Route("GET /api/traffic", false, (t, auth) -> t.send(auth.apply(t.request(Method.GET, "/api/traffic")))),
            new Route("GET /api/proxy-config/history", false,
                    (t, auth) -> t.send(auth.apply(t.request(Method.GET, PATH + "/history")))),
            new Route("POST /api/proxy-config/history/1/restore", true,
                    (t, auth) -> t.send(auth.apply(t.request(Method.POST, PATH + "/history/1/restore")))),
            new Route("POST /api/proxy-config/test", true,
                    (t, auth) -> t.send(auth.apply(t.request(Method.POST, PATH + "/test")).header(CONTENT_TYPE, "application/json"),
                            "{\"target\":\"https://api.example.com/v1\",\"purpose\":\"api\"}")),
            new Route("GET /api/proxy-config/effective", false, true,
                    (t, auth) -> t.send(auth.apply(t.request(Method.GET, PATH + "/effective")))));

    private enum Caller { NONE, WRONG, VIEWER, ADMIN, EGRESS }

    private enum Scheme { BEARER, BASIC, API_KEY }

    private static UnaryOperator<Http1ClientRequest> credentials(Caller caller, Scheme scheme) {
        if (caller == Caller.NONE) return b -> b;
        String token = switch (caller) {
            case WRONG -> "not-a-token";
            case VIEWER -> TestApi.VIEWER_TOKEN;
            case EGRESS -> TestApi.EGRESS_TOKEN;
            default -> TestApi.ADMIN_TOKEN;
        };
        String userPassword = switch (caller) {
            case WRONG -> TestApi.ADMIN_USER + ":wrong-password";
            case VIEWER -> TestApi.VIEWER_USER + ":" + TestApi.VIEWER_PASSWORD;
            default -> TestApi.ADMIN_USER + ":" + TestApi.ADMIN_PASSWORD;
        };
        return switch (scheme) {
            case BEARER -> b -> b.header(AUTHORIZATION, "Bearer " + token);
            case API_KEY -> b -> b.header(HeaderNames.create("x-api-key"), token);
            case BASIC -> b -> b.header(AUTHORIZATION, "Basic "
                    + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
        };
    }

    static Stream<Arguments> everyRouteCallerAndScheme() {
        List<Arguments> all = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Caller caller : Caller.values()) {
                for (Scheme scheme : Scheme.values()) {
                    if (caller == Caller.EGRESS && scheme == Scheme.BASIC) continue; // machines have tokens, not users
                    int expected = switch (caller) {
                        case NONE, WRONG -> 401;
                        case VIEWER -> route.writes() || route.effective() ? 403 : 200;
                        case ADMIN -> route.effective() ? 403 : 200;
                        case EGRESS -> route.effective() ? 200 : 403;
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
        Reply response = route.call().apply(this, credentials(caller, scheme));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            JsonObject body = json(response.body());
            assertThat(body.getInt("status_code")).isEqualTo(expected);
            assertThat(body.getJsonObject("error").getString("code"))
                    .isEqualTo(expected == 401 ? "unauthorized" : "forbidden");
        }
        if (expected == 401) {
            assertThat(response.all("WWW-Authenticate"))
                    .anyMatch(v -> v.startsWith("Bearer")).anyMatch(v -> v.startsWith("Basic"));
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("callersAndSchemes")
    void whoAmINamesThePrincipalAndItsRoleNeverTheCredential(Caller caller, Scheme scheme) {
        Reply response = send(credentials(caller, scheme).apply(request(Method.GET, "/api/whoami")));

        JsonObject me = json(response.body());
        assertThat(me.getString("role")).isEqualTo(caller == Caller.ADMIN ? "admin" : "viewer");
        assertThat(me.getString("name")).isEqualTo(switch (scheme) {
            case BASIC -> caller == Caller.ADMIN ? TestApi.ADMIN_USER : TestApi.VIEWER_USER;
            default -> caller == Caller.ADMIN ? "admin-token" : "viewer-token";
        });
        assertThat(response.body()).doesNotContain(TestApi.ADMIN_TOKEN, TestApi.VIEWER_TOKEN,
                TestApi.ADMIN_PASSWORD, TestApi.VIEWER_PASSWORD);
    }

    static Stream<Arguments> callersAndSchemes() {
        return Stream.of(Caller.ADMIN, Caller.VIEWER)
                .flatMap(caller -> Stream.of(Scheme.values()).map(scheme -> Arguments.of(caller, scheme)));
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoCredentials() {
        assertThat(send(request(Method.GET, "/health")).statusCode()).isEqualTo(200);
        assertThat(send(request(Method.GET, "/openapi")).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownApiPathAsksForCredentialsBeforeSayingItDoesNotExist() {
        assertThat(send(request(Method.GET, "/api/unknown")).statusCode()).isEqualTo(401);
        assertThat(get("/api/unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownAuthorizationSchemeOrBrokenBasicIsUnauthorized() {
        assertThat(getWithAuthorization("Digest abc").statusCode()).isEqualTo(401);
        assertThat(getWithAuthorization("Basic %%%").statusCode()).isEqualTo(401);
        assertThat(getWithAuthorization("Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        assertThat(getWithAuthorization("Bearer").statusCode()).isEqualTo(401);
    }

    @Test
    void afterTenFailuresInAMinuteFurtherFailuresAre429ButValidCredentialsStillPass() {
        Supplier<Reply> wrong = () -> getWithAuthorization("Bearer guess");
        for (int i = 1; i <= 10; i++) {
            assertThat(wrong.get().statusCode()).as("attempt " + i).isEqualTo(401);
        }
        Reply braked = wrong.get();
        assertThat(braked.statusCode()).isEqualTo(429);
        assertThat(braked.header("Retry-After")).isPresent();
        assertThat(json(braked.body()).getJsonObject("error").getString("code")).isEqualTo("too_many_failed_attempts");

        assertThat(get(PATH).statusCode()).isEqualTo(200);

        API.clock.advance(Duration.ofSeconds(61));
        assertThat(wrong.get().statusCode()).isEqualTo(401);
    }

    @Test
    void theActorInTheHistoryIsThePrincipalNeverTheCredential() {
        Reply asOps = send(request(Method.PUT, PATH).header(AUTHORIZATION, "Basic " + Base64.getEncoder()
                        .encodeToString((TestApi.ADMIN_USER + ":" + TestApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header(CONTENT_TYPE, "application/json"), VALID);
        assertThat(asOps.statusCode()).isEqualTo(200);

        String history = get(PATH + "/history").body();
        JsonObject newest = json(history).getJsonArray("revisions").getJsonObject(0);
        assertThat(newest.getString("actor")).isEqualTo("ops");
        assertThat(json(history).getJsonArray("revisions").getJsonObject(1).getString("actor")).isEqualTo("admin-token");
        assertThat(history).doesNotContain(TestApi.ADMIN_TOKEN, TestApi.ADMIN_PASSWORD);
    }

    @Test
    void getGivesTheRevisionAsETagAndAPutWithAStaleIfMatchIs412AndChangesNothing() {
        Reply got = get(PATH);
        assertThat(got.header("ETag")).hasValue("\"1\"");

        Reply first = putIfMatch("\"1\"", VALID.replace("3128", "3129"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.header("ETag")).hasValue("\"2\"");

        String before = get(PATH).body();
        Reply stale = putIfMatch("\"1\"", VALID.replace("3128", "3130"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale.body()).getJsonObject("error").getString("code")).isEqualTo("precondition_failed");
        assertThat(get(PATH).body()).isEqualTo(before);

        assertThat(putIfMatch("W/\"2\"", VALID).statusCode()).isEqualTo(412);
        assertThat(putIfMatch("\"abc\"", VALID).statusCode()).isEqualTo(412);
        assertThat(putIfMatch("*", VALID).statusCode()).isEqualTo(200);
        assertThat(put(PATH, VALID).statusCode()).isEqualTo(200); // no If-Match: as the seed's clients
    }

    @Test
    void historyIsPagedNewestFirstWithRedactedConfigsAndChangedFields() {
        put(PATH, VALID.replace("\"password\":\"p\"", "\"password\":\"hist-secret\""));
        put(PATH, VALID.replace("proxy.example", "other.example").replace("\"password\":\"p\"", "\"password\":\"hist-secret\""));

        JsonObject page = json(get(PATH + "/history?limit=2").body());
        var revisions = page.getJsonArray("revisions");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.getJsonObject(0).getInt("revision")).isEqualTo(3);
        assertThat(revisions.getJsonObject(0).getJsonArray("changed").getString(0)).isEqualTo("url");
        assertThat(revisions.getJsonObject(1).getJsonArray("changed").toString()).isEqualTo("[\"password\"]");
        assertThat(revisions.getJsonObject(0).getJsonObject("config").getString("password")).isEqualTo("<redacted>");
        assertThat(revisions.getJsonObject(0).getString("at")).endsWith("Z");
        assertThat(page.getInt("next_before")).isEqualTo(2);

        JsonObject last = json(get(PATH + "/history?limit=2&before=2").body());
        assertThat(last.getJsonArray("revisions")).hasSize(1);
        assertThat(last).doesNotContainKey("next_before");
        assertThat(get(PATH + "/history").body()).doesNotContain("hist-secret");
    }

    @Test
    void badHistoryParametersAre400NamingTheParameter() {
        for (String query : List.of("limit=0", "limit=101", "limit=x", "before=-1", "before=")) {
            Reply response = get(PATH + "/history?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response.body()).getJsonObject("error").getString("param"))
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void restoreMakesAnEarlierRevisionCurrentAndAnUnknownOneIs404() {
        put(PATH, VALID.replace("proxy.example", "second.example").replace("\"password\":\"p\"", "\"password\":\"p2\""));

        Reply restored = send(request(Method.POST, PATH + "/history/1/restore").header(AUTHORIZATION, TestApi.ADMIN_BEARER));
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.header("ETag")).hasValue("\"3\"");
        assertThat(json(restored.body()).getInt("revision")).isEqualTo(3);
        assertThat(get(PATH).body()).contains("proxy.example:3128");
        assertThat(API.store().read(log -> log.latest()).orElseThrow().config().password().reveal()).isEqualTo("p");

        Reply unknown = send(request(Method.POST, PATH + "/history/99/restore").header(AUTHORIZATION, TestApi.ADMIN_BEARER));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).getJsonObject("error").getString("code")).isEqualTo("revision_not_found");
    }

    private Reply putIfMatch(String ifMatch, String body) {
        return send(request(Method.PUT, PATH).header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(HeaderNames.IF_MATCH, ifMatch).header(CONTENT_TYPE, "application/json"), body);
    }

    /** A GET of the configuration with this {@code Authorization} header. */
    private Reply getWithAuthorization(String authorization) {
        return send(request(Method.GET, PATH).header(AUTHORIZATION, authorization));
    }
}
