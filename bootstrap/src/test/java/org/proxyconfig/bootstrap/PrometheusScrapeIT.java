package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.application.Eventually;

/**
 * A real Prometheus server (Debian package prometheus) scrapes the packaged jar every second, and
 * its query API answers with the jar's series: the revision in force, every bounded outbound series
 * from the start, the API's requests by route.
 */
class PrometheusScrapeIT {

    private static final String TOKEN = "prometheus-it-admin-token-41d7";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesTheJarAndAnswersQueriesOnItsSeries() throws Exception {
        int port = PackagedJar.freePort();
        int prometheusPort = PackagedJar.freePort();
        Path jarLog = dir.resolve("jar.log");
        Path prometheusLog = dir.resolve("prometheus.log");
        Process jar = PackagedJar.start(port, dir.resolve("data"), Map.of("PROXY_CONFIG_ADMIN_TOKEN", TOKEN),
                ProcessBuilder.Redirect.to(jarLog.toFile()));
        Process prometheus = null;
        try {
            PackagedJar.awaitHealth(jar, port, jarLog.toString());
            HttpResponse<String> put = CLIENT.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://proxy.example:3128\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);

            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: proxy-config
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(port));
            prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort)
                    .redirectErrorStream(true).redirectOutput(prometheusLog.toFile()).start();

            Eventually.until("Prometheus has the jar's revision (see " + prometheusLog + ")", Duration.ofSeconds(60),
                    () -> value(prometheusPort, "proxy_config_revision{job=\"proxy-config\"}").equals("1"));
            assertThat(value(prometheusPort, "up{job=\"proxy-config\"}")).isEqualTo("1");
            // 3 purposes × (5 rules one way + a per-target route either way): docs/metrics.md.
            assertThat(value(prometheusPort, "count(proxy_config_outbound_requests_total)")).isEqualTo("21");
            assertThat(value(prometheusPort, "sum(proxy_config_outbound_requests_total)")).isEqualTo("0");
            assertThat(value(prometheusPort, "proxy_config_api_requests_total{method=\"PUT\",route=\"/api/proxy-config\",status=\"200\"}"))
                    .isEqualTo("1");
        } finally {
            if (prometheus != null) stop(prometheus);
            stop(jar);
        }
    }

    /** The single value of an instant query, or "" while Prometheus has none (or is not up yet). */
    private static String value(int port, String query) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) return "";
            var result = jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readObject()
                    .getJsonObject("data").getJsonArray("result");
            return result.isEmpty() ? "" : result.getJsonObject(0).getJsonArray("value").getString(1);
        } catch (IOException notUpYet) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
