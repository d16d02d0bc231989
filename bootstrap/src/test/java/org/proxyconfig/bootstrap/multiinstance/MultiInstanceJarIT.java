package org.proxyconfig.bootstrap.multiinstance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;

/**
 * Two processes of the packaged jar ({@code java -jar target/proxy-config.jar}) on one real
 * PostgreSQL, as an operator runs them behind a load balancer: a PUT on one is in force on the
 * other within a second (seen in its {@code /health} revision), and when the database stops both
 * keep answering {@code /health} with 200 "degraded", then catch up when it is back.
 */
class MultiInstanceJarIT {

    private static final Path JAR = Path.of("target", "proxy-config.jar");
    private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");

    @TempDir
    Path temp;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void twoJarsOnOnePostgresBehaveAsOneAndDegradeGracefullyWhenTheDatabaseStops() throws Exception {
        assertThat(JAR).exists();
        try (PostgresCluster cluster = PostgresCluster.start("jar-instances")) {
            String url = cluster.createDatabase("proxy_config");
            int portA = freePort(), portB = freePort();
            Process a = start(url, portA, temp.resolve("a.log"), temp.resolve("a"));
            Process b = start(url, portB, temp.resolve("b.log"), temp.resolve("b"));
            try {
                waitUntil(() -> health(portA).contains("\"status\":\"ok\"") && health(portB).contains("\"status\":\"ok\""),
                        Duration.ofSeconds(60));

                List<Long> millis = new ArrayList<>();
                for (int change = 0; change < 20; change++) {
                    int writer = change % 2 == 0 ? portA : portB, reader = writer == portA ? portB : portA;
                    long start = System.nanoTime();
                    HttpResponse<String> put = put(writer, change);
                    assertThat(put.statusCode()).isEqualTo(200);
                    long revision = Long.parseLong(put.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
                    waitUntil(() -> revision(reader) >= revision, Duration.ofSeconds(5));
                    long took = (System.nanoTime() - start) / 1_000_000;
                    millis.add(took);
                    assertThat(took).as("change " + change + " in force on the other jar").isLessThan(1_000);
                }
                Collections.sort(millis);
                String report = "2 jars, 20 changes, PUT sent to in force on the other jar (its /health revision,"
                        + " polled every 2 ms): median " + millis.get(10) + " ms, max " + millis.getLast() + " ms\n";
                Files.writeString(Path.of("target", "propagation-jars.txt"), report);
                System.out.print(report);

                long inForce = revision(portA);
                cluster.stop();
                waitUntil(() -> health(portA).contains("\"status\":\"degraded\"")
                        && health(portB).contains("\"status\":\"degraded\""), Duration.ofSeconds(10));
                for (int port : new int[] {portA, portB}) {
                    HttpResponse<String> health = get(port, "/health");
                    assertThat(health.statusCode()).isEqualTo(200);
                    assertThat(health.body()).contains("\"revision\":" + inForce).contains("cannot be reached");
                }
                assertThat(put(portA, 100).statusCode()).isEqualTo(503);

                cluster.restart();
                waitUntil(() -> health(portA).contains("\"status\":\"ok\"") && health(portB).contains("\"status\":\"ok\""),
                        Duration.ofSeconds(20));
                HttpResponse<String> after = put(portB, 101);
                assertThat(after.statusCode()).isEqualTo(200);
                long revision = Long.parseLong(after.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
                waitUntil(() -> revision(portA) == revision, Duration.ofSeconds(2));
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

    private Process start(String url, int port, Path log, Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROXY_CONFIG_"));
        builder.environment().put("PROXY_CONFIG_HOST", "127.0.0.1");
        builder.environment().put("PROXY_CONFIG_PORT", Integer.toString(port));
        builder.environment().put("PROXY_CONFIG_DATA_DIR", dataDir.toString());
        builder.environment().put("PROXY_CONFIG_DB_URL", url);
        builder.environment().put("PROXY_CONFIG_DB_USER", PostgresCluster.USER);
        builder.environment().put("PROXY_CONFIG_DB_PASSWORD", PostgresCluster.PASSWORD);
        builder.environment().put("PROXY_CONFIG_ENCRYPTION_KEY", Instance.ENCRYPTION_KEY);
        builder.environment().put("PROXY_CONFIG_ADMIN_TOKEN", Instance.ADMIN_TOKEN);
        return builder.start();
    }

    private HttpResponse<String> put(int port, int change) {
        return send(HttpRequest.newBuilder(uri(port, "/api/proxy-config"))
                .header("Authorization", "Bearer " + Instance.ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://jar-" + change
                        + ".example:3128\",\"username\":\"gw\",\"password\":\"jar-proxy-secret\"}")).build());
    }

    private String health(int port) {
        try {
            return get(port, "/health").body();
        } catch (AssertionError notListening) {
            return "";
        }
    }

    private long revision(int port) {
        Matcher m = REVISION.matcher(health(port));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not so within " + timeout);
            Thread.sleep(2);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
