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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.bootstrap.PackagedJar;

/**
 * Benchmark, not a test (docs/PERFORMANCE.md, "Propagation between instances"): how long a change
 * takes to be in force on the other instances on one real PostgreSQL, for three instances of the
 * production wiring in one JVM (100 changes) and for two processes of the packaged jar (20
 * changes). {@code ./proxy-config bench propagation} runs it after packaging the jar; its name
 * matches neither the unit-test nor the *IT pattern, so the build's tests never run it. The figures
 * go to {@code target/propagation.txt} and {@code target/propagation-jars.txt}; it fails only when
 * a change never arrives. The functional rules are {@link MultiInstancePostgresTest} and
 * {@link MultiInstanceJarIT}.
 *
 * <p>It checks for the change every millisecond in the JVM, every 2 ms over HTTP for the jars:
 * that is the resolution of the figures (the HTTP round trip adds its own latency).
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
