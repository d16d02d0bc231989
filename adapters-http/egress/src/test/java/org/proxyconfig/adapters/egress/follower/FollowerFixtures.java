package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.proxyconfig.adapters.wire.EffectiveConfigJson;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.Secret;

/** What the follower's tests share: a token, configurations told apart by their proxy host, and generous bounds. */
final class FollowerFixtures {

    static final String TOKEN = "egress-token-7f3a9c1e5b";
    static final String PASSWORD = "proxy-pass-4d2b8e";
    static final String ROUTE_PASSWORD = "route-proxy-pass-81c6fa";
    /** The host {@link #routeOf} asks about. */
    static final String TARGET = "api.example.com";
    /** Only a guard against a hang on a busy machine, never a speed asserted. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private FollowerFixtures() {
    }

    /** A configuration that sends API calls through {@code http://<proxyHost>:3128}, with credentials. */
    static ProxyConfig via(String proxyHost) {
        return ProxyConfig.builder().enabled(true).url("http://" + proxyHost + ":3128")
                .username("gateway").password(Secret.of(PASSWORD)).enableForApi(true).build();
    }

    /** Routes that send {@link #TARGET} through a proxy of their own, {@code http://<proxyHost>:8080}, with credentials. */
    static ProxyRoutes targetVia(String proxyHost) {
        return ProxyRoutes.builder().add(TARGET, Set.of(Purpose.values()), RouteProxy.builder()
                .url("http://" + proxyHost + ":8080").username("route-user").password(Secret.of(ROUTE_PASSWORD))).build();
    }

    /** The {@code /effective} body of {@code config} without routes. */
    static String effective(ProxyConfig config) {
        return EffectiveConfigJson.write(config, ProxyRoutes.NONE);
    }

    /** The proxy host the router sends an API call to, or "direct". */
    static String routeOf(ConfigFollower follower) {
        RouteDecision decision = follower.get().decide(Purpose.API, TARGET, 443);
        return decision.proxy().map(p -> p.host()).orElse("direct");
    }

    /** Waits until {@code follower} holds {@code revision}, and checks that it routes through {@code proxyHost}. */
    static void awaitRoutingBy(ConfigFollower follower, long revision, String proxyHost) {
        Eventually.until("the follower routes by revision " + revision, PATIENCE, () -> follower.state().revision() == revision);
        assertThat(routeOf(follower)).isEqualTo(proxyHost);
    }

    /** A follower of {@code base} with quick retries, so a test that waits for a recovery is not slow. */
    static ConfigFollower.Builder follower(URI base) {
        return ConfigFollower.builder(base, TOKEN).backoff(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** An address where nothing listens (a port just released). */
    static URI nothingListening() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
