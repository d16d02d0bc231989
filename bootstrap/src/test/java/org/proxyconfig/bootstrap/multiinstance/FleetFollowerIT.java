package org.proxyconfig.bootstrap.multiinstance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.egress.follower.ConfigFollower;
import org.proxyconfig.adapters.egress.follower.FollowerState;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.bootstrap.PackagedJar;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * A fleet end to end, in real processes (issue 13): two jars on one PostgreSQL, a
 * {@link ConfigFollower} (what a gateway instance embeds) pointed at jar B, every change made on
 * jar A. A change reaches the follower through A's commit, PostgreSQL's NOTIFY to B and B's watch;
 * with both jars stopped the follower routes on with the last revision and says it lost contact;
 * with both started again on the same database it follows the next change. How fast is measured by
 * {@link PropagationBenchmark} ({@code ./proxy-config bench propagation}), never asserted here.
 */
class FleetFollowerIT {

    private static final String PROXY_PASSWORD = "fleet-proxy-Pass-61d0c2";
    /** Only against a hang: a change reaches the follower in milliseconds, a restarted jar within its backoff (≤ 0.5 s). */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void aFollowerOnOneJarFollowsChangesMadeOnTheOtherRoutesOnThroughAnOutageOfBothAndCatchesUp() throws Exception {
        assertThat(PackagedJar.JAR).as("the packaged jar (failsafe runs after package)").exists();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (PostgresCluster cluster = PostgresCluster.start("fleet-follower");
             EgressJars jars = new EgressJars(cluster.createDatabase("proxy_config"), temp);
             // A short backoff keeps the test short: the default would retry after up to 30 s.
             ConfigFollower follower = ConfigFollower.builder(jars.base(jars.portB), EgressJars.EGRESS_TOKEN)
                     .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                     .listener(new Recording(heard)).start()) {
            assertThat(follower.awaitFirst(PATIENCE)).as("the follower's first answer from jar B").isTrue();

            long first = putOnA(jars, 1);
            Eventually.until("revision " + first + ", PUT on jar A, in force in the follower of jar B", PATIENCE,
                    () -> follower.state().revision() == first);
            assertRoutesThrough(follower, "fleet-1.example");
            assertThat(follower.get().config().password().reveal()).as("the proxy password, for the gateway's own use")
                    .isEqualTo(PROXY_PASSWORD);

            jars.stop();
            // The state changes before the listener is told: both are waited for.
            Eventually.until("the follower reporting that it lost contact", PATIENCE,
                    () -> follower.state().consecutiveFailures() > 0 && heard.contains("lost"));
            FollowerState outage = follower.state();
            assertThat(outage.revision()).as("still the last revision").isEqualTo(first);
            assertThat(outage.lastError()).isPresent();
            assertThat(outage.failingSince()).isPresent();
            assertThat(outage.healthy()).isFalse();
            assertThat(outage.toString()).doesNotContain(PROXY_PASSWORD, EgressJars.EGRESS_TOKEN);
            assertRoutesThrough(follower, "fleet-1.example");

            jars.start();
            long second = putOnA(jars, 2);
            // The follower may reconnect before this PUT (a 304, then the change) or after it (the change in the
            // first answer): either way the revision, the restored contact and both events come, in some order.
            Eventually.until("revision " + second + ", PUT on jar A after the restart, in force in the follower,"
                    + " its contact restored", PATIENCE, () -> follower.state().revision() == second
                    && follower.state().consecutiveFailures() == 0
                    && heard.contains("changed " + second) && heard.contains("restored"));
            assertRoutesThrough(follower, "fleet-2.example");
            assertThat(heard).containsSubsequence("changed " + first, "lost", "changed " + second)
                    .containsSubsequence("lost", "restored");

            jars.stop();
            assertThat(String.join("\n", jars.logs())).as("the follower's reads, audited by jar B")
                    .contains("audit: effective-read revision=" + first + " actor=egress-token")
                    .contains("audit: effective-read revision=" + second + " actor=egress-token");
            for (String log : jars.logs()) {
                assertThat(log).contains("proxy-config stopped cleanly")
                        .doesNotContain(PROXY_PASSWORD, EgressJars.EGRESS_TOKEN, PostgresCluster.PASSWORD);
            }
        }
    }

    /** PUTs change {@code n} on jar A and returns its revision. */
    private static long putOnA(EgressJars jars, int n) {
        HttpResponse<String> put = jars.put(jars.portA, "{\"enabled\":true,\"url\":\"http://fleet-" + n
                + ".example:3128\",\"username\":\"gw\",\"password\":\"" + PROXY_PASSWORD + "\",\"enable_for_api\":true}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return EgressJars.revisionOf(put);
    }

    /** The follower's routing decision, as a gateway would ask for it on an API call. */
    private static void assertRoutesThrough(ConfigFollower follower, String proxyHost) {
        RouteDecision decision = follower.get().decide(Purpose.API, "api.example.com", 443);
        assertThat(decision.route()).isEqualTo(RouteDecision.Route.PROXY);
        assertThat(decision.proxy()).hasValueSatisfying(p -> {
            assertThat(p.host()).isEqualTo(proxyHost);
            assertThat(p.port()).isEqualTo(3128);
        });
    }

    /** What the follower told its listener, in order, as short words. */
    private record Recording(List<String> heard) implements ConfigFollower.Listener {

        @Override
        public void configurationChanged(long revision, ProxyConfig config) {
            heard.add("changed " + revision);
        }

        @Override
        public void contactLost(String reason) {
            heard.add("lost");
        }

        @Override
        public void contactRestored() {
            heard.add("restored");
        }
    }
}
