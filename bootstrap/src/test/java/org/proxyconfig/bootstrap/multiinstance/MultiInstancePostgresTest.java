package org.proxyconfig.bootstrap.multiinstance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;
import org.proxyconfig.adapters.persistence.postgres.PostgresClusterExtension;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * Three instances of the production wiring on one real PostgreSQL behave as one: a change made
 * through any of them is in force on all of them, concurrent conditional writers on different
 * instances lose nothing, and a database outage degrades them gracefully. Each test has a fresh
 * database and three instances of its own (one cluster serves them all), so no test sees another's
 * writes. How fast a change propagates is measured by {@link PropagationBenchmark}
 * ({@code ./proxy-config bench propagation}, docs/PERFORMANCE.md), never asserted here.
 */
class MultiInstancePostgresTest {

    /** Only against a hang: a change takes milliseconds to propagate, half a second by the poll alone. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final PostgresClusterExtension postgres = new PostgresClusterExtension("multi-instance");

    private final List<Instance> instances = new ArrayList<>();

    @BeforeEach
    void startThreeInstancesOnAFreshDatabase(@TempDir Path temp) {
        String url = postgres.newDatabase("proxy_config");
        for (int i = 0; i < 3; i++) {
            instances.add(new Instance(url, PostgresCluster.USER, PostgresCluster.PASSWORD, temp.resolve("instance-" + i)));
        }
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(Instance::close);
    }

    private static String config(int n) {
        return "{\"enabled\":true,\"url\":\"http://proxy-" + n + ".corp.example:3128\",\"username\":\"gw\","
                + "\"password\":\"pw-" + n + "\",\"enable_for_inference\":true}";
    }

    private static long revisionOf(HttpResponse<String> put) {
        return Long.parseLong(put.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    @Test
    void aPutOnOneInstanceIsInForceOnTheOthers() {
        for (int change = 0; change < 30; change++) {
            Instance writer = instances.get(change % 3);
            HttpResponse<String> put = writer.put(config(change), null);
            assertThat(put.statusCode()).isEqualTo(200);
            long revision = revisionOf(put);
            for (Instance other : instances) {
                if (other == writer) continue;
                Eventually.until("change " + change + " (revision " + revision + ") in force on every instance", PATIENCE,
                        () -> other.revisionInForce() >= revision);
            }
            RouteDecision decision = instances.get((change + 1) % 3).server().active().get()
                    .decide(Purpose.INFERENCE, "api.openai.com", 443);
            assertThat(decision.proxy().orElseThrow().host()).contains("proxy-" + change + ".corp.example");
        }
    }

    @Test
    void concurrentIfMatchWritersOnDifferentInstancesLoseNothing() throws Exception {
        long before = instances.getFirst().server().active().revision();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<int[]>> writers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                Instance instance = instances.get(w % 3);
                int writer = w;
                writers.add(() -> {
                    int ok = 0, stale = 0;
                    for (int i = 0; i < 15; i++) {
                        HttpResponse<String> read = instance.get("/api/proxy-config");
                        String etag = read.headers().firstValue("ETag").orElseThrow();
                        int status = instance.put(config(1000 + writer * 100 + i), etag).statusCode();
                        assertThat(status).as("a conditional PUT is applied or refused as stale").isIn(200, 412);
                        if (status == 200) ok++; else stale++;
                    }
                    return new int[] {ok, stale};
                });
            }
            int applied = 0, refused = 0;
            for (Future<int[]> f : pool.invokeAll(writers)) {
                applied += f.get()[0];
                refused += f.get()[1];
            }
            long latest = revisionOf(instances.get(0).put(config(9999), null)) - 1;
            assertThat(applied).isPositive();
            assertThat(applied + refused).isEqualTo(90);
            assertThat(latest - before).as("every 200 is one revision, every 412 none").isEqualTo(applied);
            String history = instances.get(1).get("/api/proxy-config/history?limit=100").body();
            for (long r = before + 1; r <= latest; r++) assertThat(history).contains("\"revision\":" + r + ",");
        } finally {
            pool.shutdownNow();
        }
        long last = instances.get(0).server().active().revision();
        for (Instance instance : instances) {
            Eventually.until("revision " + last + " in force on every instance", PATIENCE, () -> instance.revisionInForce() == last);
        }
    }

    @Test
    void whenTheDatabaseStopsInstancesKeepRoutingAndReportDegradedThenCatchUpWhenItIsBack() {
        Instance writer = instances.get(0);
        assertThat(writer.put(config(7), null).statusCode()).isEqualTo(200);
        long inForce = writer.revisionInForce();
        for (Instance instance : instances) {
            Eventually.until("revision " + inForce + " in force on every instance", PATIENCE, () -> instance.revisionInForce() == inForce);
        }

        postgres.cluster().stop();
        try {
            for (Instance instance : instances) {
                Eventually.until("health degraded while the database is stopped", PATIENCE,
                        () -> instance.get("/health").body().contains("\"status\":\"degraded\""));
                HttpResponse<String> health = instance.get("/health");
                assertThat(health.statusCode()).as("degraded, not down: the load balancer keeps the instance").isEqualTo(200);
                assertThat(health.body()).contains("\"reason\":\"the configuration store cannot be reached")
                        .contains("\"revision\":" + inForce).doesNotContain(PostgresCluster.PASSWORD);
                assertThat(instance.revisionInForce()).isEqualTo(inForce);
                assertThat(instance.server().active().get().decide(Purpose.INFERENCE, "api.openai.com", 443)
                        .proxy().orElseThrow().host()).contains("proxy-7.corp.example");
            }
            assertThat(writer.get("/api/proxy-config").statusCode()).isEqualTo(503);
            assertThat(writer.put(config(8), null).statusCode()).isEqualTo(503);
        } finally {
            postgres.cluster().restart();
        }

        for (Instance instance : instances) {
            Eventually.until("health ok once the database is back", PATIENCE,
                    () -> instance.get("/health").body().contains("\"status\":\"ok\""));
        }
        HttpResponse<String> after = instances.get(2).put(config(9), null);
        assertThat(after.statusCode()).isEqualTo(200);
        long revision = revisionOf(after);
        for (Instance instance : instances) {
            Eventually.until("revision " + revision + ", written after the outage, in force on every instance", PATIENCE,
                    () -> instance.revisionInForce() == revision);
        }
    }
}
