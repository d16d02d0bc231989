package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.application.Eventually;

/**
 * {@code /metrics} through the production wiring (docs/metrics.md): open by default, behind a viewer
 * or admin credential with PROXY_CONFIG_METRICS_AUTH=viewer; the gauges of the state in force
 * follow it; the output passes {@code promtool check metrics} (Debian package prometheus).
 */
class MetricsEndToEndTest {

    private static final String PROXY_PASSWORD = "metrics-e2e-Pass-2c88";

    @TempDir
    Path dataDir;

    private static String gauge(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> line.substring(name.length() + 1)).orElseThrow(() -> new AssertionError("no " + name + " in " + scrape));
    }

    private static String scrape(RunningServer server) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/metrics")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theGaugesFollowTheRevisionInForceTheStoreAndTheHeldWatches() {
        try (RunningServer server = new RunningServer(dataDir)) {
            assertThat(gauge(scrape(server), "proxy_config_revision")).isEqualTo("0.0");
            assertThat(gauge(scrape(server), "proxy_config_store_up")).isEqualTo("1.0");
            assertThat(gauge(scrape(server), "proxy_config_followers_watching")).isEqualTo("0.0");

            assertThat(server.put("/api/proxy-config", "{\"enabled\":true,\"url\":\"http://proxy.example:3128\",\"username\":\"gw\","
                    + "\"password\":\"" + PROXY_PASSWORD + "\",\"enable_for_api\":true}").statusCode()).isEqualTo(200);
            // A scrape is rendered at most once a second (RecentScrape): the new revision shows within one.
            Eventually.until("the revision gauge shows the PUT", Duration.ofSeconds(5),
                    () -> gauge(scrape(server), "proxy_config_revision").equals("1.0"));

            CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> server.send(
                    server.request("/api/proxy-config?wait=60").header("If-None-Match", "\"1\"").GET().build()));
            Eventually.until("the watch is held", Duration.ofSeconds(20),
                    () -> gauge(scrape(server), "proxy_config_followers_watching").equals("1.0"));
            assertThat(server.put("/api/proxy-config", "{\"enabled\":false}").statusCode()).isEqualTo(200);
            assertThat(held.join().statusCode()).isEqualTo(200);
            Eventually.until("the answered watch is no longer held", Duration.ofSeconds(5),
                    () -> gauge(scrape(server), "proxy_config_followers_watching").equals("0.0"));
            assertThat(scrape(server)).doesNotContain(PROXY_PASSWORD).doesNotContain(RunningServer.ADMIN_TOKEN)
                    .doesNotContain("proxy.example");
        }
    }

    @Test
    void withMetricsAuthViewerTheScrapeNeedsAViewerOrAdminCredential() {
        try (RunningServer server = new RunningServer(dataDir, Map.of("PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN,
                "PROXY_CONFIG_VIEWER_TOKEN", RunningServer.VIEWER_TOKEN, "PROXY_CONFIG_EGRESS_TOKEN", "metrics-e2e-egress-71",
                "PROXY_CONFIG_METRICS_AUTH", "viewer"), "", System.out)) {
            assertThat(status(server, null)).isEqualTo(401);
            assertThat(status(server, "Bearer " + RunningServer.VIEWER_TOKEN)).isEqualTo(200);
            assertThat(status(server, "Bearer " + RunningServer.ADMIN_TOKEN)).isEqualTo(200);
            assertThat(status(server, "Bearer metrics-e2e-egress-71")).isEqualTo(403);
            assertThat(server.send(HttpRequest.newBuilder(server.uri("/health")).GET().build()).statusCode()).isEqualTo(200);
        }
    }

    private static int status(RunningServer server, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/metrics")).GET();
        if (authorization != null) request.header("Authorization", authorization);
        return server.send(request.build()).statusCode();
    }

    @Test
    void theOutputPassesPromtool() throws IOException, InterruptedException {
        try (RunningServer server = new RunningServer(dataDir)) {
            server.get("/api/proxy-config");
            String text = scrape(server);

            Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            try (var in = promtool.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(promtool.exitValue()).as(verdict).isZero();
        }
    }
}
