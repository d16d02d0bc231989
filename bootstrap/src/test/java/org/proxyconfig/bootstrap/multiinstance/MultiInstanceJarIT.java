package org.proxyconfig.bootstrap.multiinstance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.bootstrap.PackagedJar;

/**
 * Two processes of the packaged jar ({@code java -jar target/proxy-config.jar}) on one real
 * PostgreSQL, as an operator runs them behind a load balancer: a PUT on one is in force on the
 * other (seen in its {@code /health} revision), and when the database stops both keep answering
 * {@code /health} with 200 "degraded", then catch up when it is back. How fast is measured by
 * {@link PropagationBenchmark} ({@code ./proxy-config bench propagation}), never asserted here.
 */
class MultiInstanceJarIT {

    private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");
    /** Only against a hang: a change takes milliseconds to reach the other jar, half a second by the poll alone. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void twoJarsOnOnePostgresBehaveAsOneAndDegradeGracefullyWhenTheDatabaseStops() throws Exception {
        assertThat(PackagedJar.JAR).exists();
        try (PostgresCluster cluster = PostgresCluster.start("jar-instances")) {
            String url = cluster.createDatabase("proxy_config");
            int portA = PackagedJar.freePort(), portB = PackagedJar.freePort();
            Process a = start(url, portA, temp.resolve("a.log"), temp.resolve("a"));
            Process b = start(url, portB, temp.resolve("b.log"), temp.resolve("b"));
            try {
                Eventually.until("both jars answering /health ok", Duration.ofSeconds(60),
                        () -> health(portA).contains("\"status\":\"ok\"") && health(portB).contains("\"status\":\"ok\""));

                for (int change = 0; change < 20; change++) {
                    int writer = change % 2 == 0 ? portA : portB, reader = writer == portA ? portB : portA;
                    HttpResponse<String> put = put(writer, change);
                    assertThat(put.statusCode()).isEqualTo(200);
                    long revision = Long.parseLong(put.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
                    Eventually.until("change " + change + " (revision " + revision + ") in force on the other jar", PATIENCE,
                            () -> revision(reader) >= revision);
                }

                long inForce = revision(portA);
                cluster.stop();
                Eventually.until("both jars degraded while the database is stopped", PATIENCE,
                        () -> health(portA).contains("\"status\":\"degraded\"") && health(portB).contains("\"status\":\"degraded\""));
                for (int port : new int[] {portA, portB}) {
                    HttpResponse<String> health = get(port, "/health");
                    assertThat(health.statusCode()).isEqualTo(200);
                    assertThat(health.body()).contains("\"revision\":" + inForce).contains("cannot be reached");
                }
                assertThat(put(portA, 100).statusCode()).isEqualTo(503);

                cluster.restart();
                Eventually.until("both jars ok once the database is back", PATIENCE,
                        () -> health(portA).contains("\"status\":\"ok\"") && health(portB).contains("\"status\":\"ok\""));
                HttpResponse<String> after = put(portB, 101);
                assertThat(after.statusCode()).isEqualTo(200);
                long revision = Long.parseLong(after.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
                Eventually.until("revision " + revision + ", written after the outage, in force on the other jar", PATIENCE,
                        () -> revision(portA) == revision);
            } finally {
                a.destroy();
                b.destroy();
                assertThat(a.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(b.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            for (String log : List.of(Files.readString(temp.resolve("a.log")), Files.readString(temp.resolve("b.log")))) {
                assertThat(log).contains("database jdbc:postgresql://127.0.0.1:" + cluster.port() + "/proxy_config")
                        .contains("proxy-config stopped cleanly")
                        .doesNotContain(PostgresCluster.PASSWORD).doesNotContain("jar-proxy-secret");
            }
        }
    }

    /** Starts the packaged jar on {@code url}, its output in {@code log} (PropagationBenchmark starts them too). */
    static Process start(String url, int port, Path log, Path dataDir) {
        return start(url, port, log, dataDir, Map.of());
    }

    /** As {@link #start(String, int, Path, Path)}, with {@code extra} settings (the egress role of FleetFollowerIT). */
    static Process start(String url, int port, Path log, Path dataDir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "PROXY_CONFIG_DB_URL", url,
                "PROXY_CONFIG_DB_USER", PostgresCluster.USER,
                "PROXY_CONFIG_DB_PASSWORD", PostgresCluster.PASSWORD,
                "PROXY_CONFIG_ENCRYPTION_KEY", Instance.ENCRYPTION_KEY,
                "PROXY_CONFIG_ADMIN_TOKEN", Instance.ADMIN_TOKEN));
        settings.putAll(extra);
        // C1 only: it starts faster, and these jars live for one test.
        return PackagedJar.start(port, dataDir, settings, ProcessBuilder.Redirect.to(log.toFile()), "-XX:TieredStopAtLevel=1");
    }

    static HttpResponse<String> put(int port, int change) {
        return PackagedJar.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                .header("Authorization", "Bearer " + Instance.ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://jar-" + change
                        + ".example:3128\",\"username\":\"gw\",\"password\":\"jar-proxy-secret\"}")).build());
    }

    static String health(int port) {
        try {
            return get(port, "/health").body();
        } catch (AssertionError notListening) {
            return "";
        }
    }

    /** The revision the jar on {@code port} reports in force on /health; -1 while it does not answer. */
    static long revision(int port) {
        Matcher m = REVISION.matcher(health(port));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static HttpResponse<String> get(int port, String path) {
        return PackagedJar.send(HttpRequest.newBuilder(PackagedJar.uri(port, path)).GET().build());
    }
}
