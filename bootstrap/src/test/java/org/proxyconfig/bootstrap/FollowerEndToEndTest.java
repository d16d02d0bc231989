package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.egress.follower.ConfigFollower;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * The effective route, the watch and the follower library through the production wiring: a
 * follower on loopback (the sidecar case, plain HTTP allowed by the operator) keeps a routing
 * supplier on the revision in force (its per-target routes too), and keeps it through an outage of the service.
 */
class FollowerEndToEndTest {

    private static final String EGRESS_TOKEN = "e2e-egress-token-5f8a21";
    private static final String PROXY_PASSWORD = "follower-e2e-Pass-93c1";
    private static final String ROUTE_PASSWORD = "follower-e2e-Route-Pass-2b7d";
    private static final String PATH = "/api/proxy-config";

    @TempDir
    Path dataDir;

    private static String config(int port) {
        return "{\"enabled\":true,\"url\":\"http://proxy.example:" + port + "\",\"username\":\"gw\",\"password\":\""
                + PROXY_PASSWORD + "\",\"enable_for_api\":true}";
    }

    private RunningServer server(boolean plaintextLoopback) {
        return new RunningServer(dataDir, Map.of("PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN,
                "PROXY_CONFIG_EGRESS_TOKEN", EGRESS_TOKEN,
                "PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK", Boolean.toString(plaintextLoopback)),
                "Bearer " + RunningServer.ADMIN_TOKEN, System.out);
    }

    private static HttpResponse<String> effectiveAsEgress(RunningServer server) {
        return server.send(HttpRequest.newBuilder(server.uri(PATH + "/effective"))
                .header("Authorization", "Bearer " + EGRESS_TOKEN).GET().build());
    }

    @Test
    void overPlainHttpTheEffectiveConfigurationIsRefusedUnlessTheOperatorAllowsALoopbackSidecar() {
        try (RunningServer server = server(false)) {
            server.put(PATH, config(3128));
            HttpResponse<String> refused = effectiveAsEgress(server);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("only over HTTPS").doesNotContain(PROXY_PASSWORD);
        }
        try (RunningServer server = server(true)) {
            HttpResponse<String> answered = effectiveAsEgress(server);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains(PROXY_PASSWORD);
            assertThat(answered.headers().firstValue("ETag")).hasValue("\"1\"");
            assertThat(server.get(PATH + "/effective").statusCode()).as("the admin").isEqualTo(403);
            assertThat(server.get(PATH).body()).doesNotContain(PROXY_PASSWORD);
        }
    }

    @Test
    void aFollowerTracksEachRevisionAndKeepsTheLastOneThroughAnOutage() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            RunningServer server = server(true);
            server.put(PATH, config(3128));
            try (ConfigFollower follower = ConfigFollower.builder(URI.create("http://127.0.0.1:" + server.server().port()),
                    EGRESS_TOKEN).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).start()) {
                assertThat(follower.awaitFirst(Duration.ofSeconds(30))).isTrue();
                assertThat(follower.state().revision()).isEqualTo(1);

                for (int port = 3129; port <= 3133; port++) {
                    server.put(PATH, config(port));
                    int expected = port;
                    Eventually.until("the follower on port " + port, Duration.ofSeconds(30),
                            () -> proxyPort(follower) == expected);
                }
                assertThat(follower.state().revision()).isEqualTo(6);

                server.close();
                Eventually.until("the follower reporting the outage", Duration.ofSeconds(30),
                        () -> follower.state().lastError().isPresent());
                assertThat(proxyPort(follower)).as("still routing with the last revision").isEqualTo(3133);
                assertThat(follower.state().revision()).isEqualTo(6);
            }
            assertThat(logs.text()).doesNotContain(PROXY_PASSWORD, EGRESS_TOKEN)
                    .contains("audit: effective-read revision=1 actor=egress-token");
        }
    }

    @Test
    void routesPutOnTheServerAreInForceInAFollower() throws Exception {
        try (CapturedLogs logs = new CapturedLogs(); RunningServer server = server(true)) {
            server.put(PATH, config(3128));
            try (ConfigFollower follower = ConfigFollower.builder(URI.create("http://127.0.0.1:" + server.server().port()),
                    EGRESS_TOKEN).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).start()) {
                assertThat(follower.awaitFirst(Duration.ofSeconds(30))).isTrue();
                assertThat(proxyPort(follower)).isEqualTo(3128);

                assertThat(server.put(PATH + "/routes", "{\"routes\":[{\"match\":\"api.example.com\",\"via\":{\"url\":"
                        + "\"http://route-proxy.example:8081\",\"username\":\"route-user\",\"password\":\"" + ROUTE_PASSWORD
                        + "\"}},{\"match\":\".direct.example\",\"via\":\"direct\"}]}").statusCode()).isEqualTo(200);

                Eventually.until("the route in force in the follower", Duration.ofSeconds(30), () -> proxyPort(follower) == 8081);
                RouteDecision decided = follower.get().decide(Purpose.API, "api.example.com", 443);
                assertThat(decided.decidedBy()).isEqualTo(RouteDecision.DecidedBy.ROUTE);
                assertThat(decided.proxy()).hasValueSatisfying(p -> assertThat(p.host()).isEqualTo("route-proxy.example"));
                assertThat(decided.routeProxy()).hasValueSatisfying(p -> assertThat(p.password().reveal()).isEqualTo(ROUTE_PASSWORD));
                assertThat(follower.get().decide(Purpose.API, "www.direct.example", 443).route()).isEqualTo(RouteDecision.Route.DIRECT);
                assertThat(follower.get().decide(Purpose.API, "other.example.com", 443).proxy())
                        .hasValueSatisfying(p -> assertThat(p.port()).as("the main proxy, unchanged").isEqualTo(3128));
                assertThat(follower.state().revision()).isEqualTo(2);
            }
            assertThat(server.get(PATH + "/routes").body()).doesNotContain(ROUTE_PASSWORD);
            assertThat(effectiveAsEgress(server).body()).contains("\"password\":\"" + ROUTE_PASSWORD + "\"");
            assertThat(logs.text()).contains("audit: effective-read revision=2 actor=egress-token")
                    .doesNotContain(ROUTE_PASSWORD, PROXY_PASSWORD, EGRESS_TOKEN);
        }
    }

    private static int proxyPort(ConfigFollower follower) {
        RouteDecision decision = follower.get().decide(Purpose.API, "api.example.com", 443);
        return decision.proxy().map(p -> p.port()).orElse(-1);
    }
}
