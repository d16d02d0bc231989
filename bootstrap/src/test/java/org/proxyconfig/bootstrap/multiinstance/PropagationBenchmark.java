package org.proxyconfig.bootstrap.multiinstance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.egress.follower.ConfigFollower;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.bootstrap.PackagedJar;

/**
 * Benchmark, not a test (docs/PERFORMANCE.md, "Propagation between instances"): how long a change
 * takes to be in force on the other instances on one real PostgreSQL, for three instances of the
 * production wiring in one JVM (100 changes), for two processes of the packaged jar (20
 * changes), and for a follower of one jar with the changes made on the other (100 changes).
 * {@code ./proxy-config bench propagation} runs it after packaging the jar; its name matches
 * neither the unit-test nor the *IT pattern, so the build's tests never run it. The figures go to
 * {@code target/propagation.txt}, {@code target/propagation-jars.txt} and
 * {@code target/propagation-follower.txt}; it fails only when a change never arrives. The
 * functional rules are {@link MultiInstancePostgresTest}, {@link MultiInstanceJarIT} and
 * {@link FleetFollowerIT}.
 *
 * <p>It checks for the change every millisecond in the JVM, every 2 ms over HTTP for the jars:
 * that is the resolution of the figures (the HTTP round trip adds its own latency). The follower
 * case is timed by the follower's listener instead, without polling.
 */
class PropagationBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void threeInstancesInOneJvm() throws IOException {
        int changes = Integer.getInteger("propagation.changes", 100);
        try (PostgresCluster cluster = PostgresCluster.start("bench-propagation")) {
            String url = cluster.createDatabase("proxy_config");
            List<Instance> instances = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    instances.add(new Instance(url, PostgresCluster.USER, PostgresCluster.PASSWORD, temp.resolve("instance-" + i)));
                }
                List<Long> micros = new ArrayList<>();
                List<Long> putMicros = new ArrayList<>();
                List<Long> afterAnswerMicros = new ArrayList<>();
                for (int change = 0; change < changes; change++) {
                    Instance writer = instances.get(change % 3);
                    long start = System.nanoTime();
                    HttpResponse<String> put = writer.put(config(change), null);
                    long answered = System.nanoTime();
                    assertThat(put.statusCode()).isEqualTo(200);
                    long revision = revisionOf(put);
                    for (Instance other : instances) {
                        if (other != writer) Eventually.until("revision " + revision + " in force on the other instance", PATIENCE, Duration.ofMillis(1), () -> other.revisionInForce() >= revision);
                    }
                    long seen = System.nanoTime();
                    micros.add((seen - start) / 1_000);
                    putMicros.add((answered - start) / 1_000);
                    afterAnswerMicros.add(Math.max(0, seen - answered) / 1_000);
                }
                report("propagation.txt", "propagation over " + changes + " changes through 3 instances on one PostgreSQL"
                        + " (from sending the PUT to in force on both other instances): median " + ms(percentile(micros, 50))
                        + ", p95 " + ms(percentile(micros, 95)) + ", max " + ms(Collections.max(micros))
                        + "; after the PUT's answer: median " + ms(percentile(afterAnswerMicros, 50))
                        + ", max " + ms(Collections.max(afterAnswerMicros))
                        + "; the PUT itself: median " + ms(percentile(putMicros, 50)) + ", max " + ms(Collections.max(putMicros)));
            } finally {
                instances.forEach(Instance::close);
            }
        }
    }

    @Test
    void twoJarProcesses() throws Exception {
        assertThat(PackagedJar.JAR).as("the packaged jar (./proxy-config bench propagation builds it)").exists();
        int changes = 20;
        try (PostgresCluster cluster = PostgresCluster.start("bench-jars")) {
            String url = cluster.createDatabase("proxy_config");
            int portA = PackagedJar.freePort(), portB = PackagedJar.freePort();
            Process a = MultiInstanceJarIT.start(url, portA, temp.resolve("a.log"), temp.resolve("a"));
            Process b = MultiInstanceJarIT.start(url, portB, temp.resolve("b.log"), temp.resolve("b"));
            try {
                Eventually.until("both jars healthy", Duration.ofSeconds(60), Duration.ofMillis(50), () -> MultiInstanceJarIT.health(portA).contains("\"status\":\"ok\"")
                        && MultiInstanceJarIT.health(portB).contains("\"status\":\"ok\""));
                List<Long> micros = new ArrayList<>();
                for (int change = 0; change < changes; change++) {
                    int writer = change % 2 == 0 ? portA : portB, reader = writer == portA ? portB : portA;
                    long start = System.nanoTime();
                    HttpResponse<String> put = MultiInstanceJarIT.put(writer, change);
                    assertThat(put.statusCode()).isEqualTo(200);
                    long revision = revisionOf(put);
                    Eventually.until("revision " + revision + " in force on the other jar", PATIENCE, Duration.ofMillis(2), () -> MultiInstanceJarIT.revision(reader) >= revision);
                    micros.add((System.nanoTime() - start) / 1_000);
                }
                report("propagation-jars.txt", "2 jars, " + changes + " changes, PUT sent to in force on the other jar"
                        + " (its /health revision, polled every 2 ms): median " + ms(percentile(micros, 50))
                        + ", max " + ms(Collections.max(micros)) + " (the first change is the first to a freshly started jar)");
            } finally {
                a.destroy();
                b.destroy();
                a.waitFor(20, TimeUnit.SECONDS);
                b.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The fleet case of issue 13: two jars, a {@link ConfigFollower} (what a gateway instance embeds)
     * pointed at jar B, every change PUT on jar A. Each change is timed from sending the PUT to the
     * follower's listener being told of that revision, which it is once the revision's router is
     * the one {@code get()} returns: the path is A's commit, the NOTIFY to B, B reading the
     * revision, B's watch answering the follower's held poll, the follower checking and compiling.
     * The listener stamps the moment itself, so the figure has no polling resolution.
     */
    @Test
    void aFollowerOfTheOtherJar() throws Exception {
        assertThat(PackagedJar.JAR).as("the packaged jar (./proxy-config bench propagation builds it)").exists();
        int changes = Integer.getInteger("propagation.changes", 100);
        // Keyed by revision: the follower may hear of a revision before the PUT's answer has named it.
        Map<Long, CompletableFuture<Long>> heardAt = new ConcurrentHashMap<>();
        ConfigFollower.Listener listener = (revision, config) -> arrival(heardAt, revision).complete(System.nanoTime());
        try (PostgresCluster cluster = PostgresCluster.start("bench-follower");
             EgressJars jars = new EgressJars(cluster.createDatabase("proxy_config"), temp);
             ConfigFollower follower = ConfigFollower.builder(jars.base(jars.portB), EgressJars.EGRESS_TOKEN)
                     .listener(listener).start()) {
            assertThat(follower.awaitFirst(PATIENCE)).as("the follower's first answer from jar B").isTrue();
            List<Long> micros = new ArrayList<>();
            List<Long> afterAnswerMicros = new ArrayList<>();
            List<Long> putMicros = new ArrayList<>();
            for (int change = 0; change < changes; change++) {
                long start = System.nanoTime();
                HttpResponse<String> put = jars.put(jars.portA, config(change));
                long answered = System.nanoTime();
                assertThat(put.statusCode()).isEqualTo(200);
                long revision = revisionOf(put);
                long heard;
                try {
                    heard = arrival(heardAt, revision).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("revision " + revision + " never reached the follower of jar B: " + follower.state());
                }
                micros.add((heard - start) / 1_000);
                afterAnswerMicros.add(Math.max(0, heard - answered) / 1_000);
                putMicros.add((answered - start) / 1_000);
            }
            jars.stop();
            // Which change was the slowest, and how much of it the PUT itself took: a tail is read with both.
            int slowest = micros.indexOf(Collections.max(micros));
            report("propagation-follower.txt", "2 jars on one PostgreSQL, a ConfigFollower on jar B, " + changes
                    + " changes PUT on jar A, PUT sent to in force in the follower (its listener): median "
                    + ms(percentile(micros, 50)) + ", p90 " + ms(percentile(micros, 90)) + ", max " + ms(Collections.max(micros))
                    + "; after the PUT's answer: median " + ms(percentile(afterAnswerMicros, 50))
                    + ", max " + ms(Collections.max(afterAnswerMicros))
                    + "; the PUT itself: median " + ms(percentile(putMicros, 50)) + ", max " + ms(Collections.max(putMicros))
                    + "; the slowest was change " + (slowest + 1) + " of " + changes + ", its PUT " + ms(putMicros.get(slowest))
                    + (changes > 1 ? "; max of changes 2 to " + changes + ": " + ms(Collections.max(micros.subList(1, changes))) : "")
                    + " (jars C1 only, freshly started: change 1 is the first they serve)");
        }
    }

    private static CompletableFuture<Long> arrival(Map<Long, CompletableFuture<Long>> heardAt, long revision) {
        return heardAt.computeIfAbsent(revision, r -> new CompletableFuture<>());
    }

    private static String config(int n) {
        return "{\"enabled\":true,\"url\":\"http://proxy-" + n + ".corp.example:3128\",\"username\":\"gw\","
                + "\"password\":\"pw-" + n + "\",\"enable_for_inference\":true}";
    }

    private static long revisionOf(HttpResponse<String> put) {
        return Long.parseLong(put.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    private static void report(String file, String line) throws IOException {
        Files.writeString(Path.of("target", file), line + "\n");
        System.out.println(line);
    }

    private static String ms(long micros) {
        return micros / 1000.0 + " ms";
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
