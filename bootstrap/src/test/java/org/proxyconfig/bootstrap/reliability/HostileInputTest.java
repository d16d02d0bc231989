package org.proxyconfig.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.bootstrap.ProxyConfigServer;
import org.proxyconfig.bootstrap.Settings;

/**
 * Reliability suite "hostile input" (docs/RELIABILITY.md): thousands of generated bad requests
 * against the production wiring on a real socket and a real H2 file. Each must be answered with a
 * 4xx BifrostError — never a 5xx, never a hang — the stored configuration must not change, and the
 * server must still serve. CI runs 10,000; {@code -Dhostile.requests=N -Dhostile.seed=S} runs more
 * or replays one run.
 */
class HostileInputTest {

    private static final String TOKEN = "hostile-admin-token-1c9e";

    @TempDir
    Path dataDir;

    @Test
    void thousandsOfHostileRequestsGetOnly4xxBifrostErrorsAndChangeNothing() throws Exception {
        int count = Integer.getInteger("hostile.requests", 10_000);
        // CI replays one fixed seed, so a red build is never luck; the full run draws a new one.
        long seed = Long.getLong("hostile.seed", 20261126L);
        Settings settings = Settings.load(Map.of("PROXY_CONFIG_HOST", "127.0.0.1", "PROXY_CONFIG_PORT", "0",
                "PROXY_CONFIG_DATA_DIR", dataDir.toString(), "PROXY_CONFIG_ADMIN_TOKEN", TOKEN));
        try (ProxyConfigServer server = ProxyConfigServer.start(settings, Clock.systemUTC())) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/proxy-config");
            HttpResponse<String> seeded = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://proxy.example:3128\","
                            + "\"username\":\"u\",\"password\":\"p\",\"no_proxy\":\".corp.example\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(seeded.statusCode()).isEqualTo(200);
            String before = get(client, uri).body();

            HostileRequests hostile = new HostileRequests(seed, "Bearer " + TOKEN);
            Map<String, Integer> seenKinds = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                HostileRequests.Hostile request = hostile.next();
                seenKinds.merge(request.kind(), 1, Integer::sum);
                RawHttp.Response response = RawHttp.exchange(server.port(), request.bytes());
                String replay = "request " + i + " (" + request.kind() + ") of seed " + seed;
                assertThat(response.status()).as(replay).isBetween(400, 499);
                JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
                assertThat(body.getInt("status_code")).as(replay).isEqualTo(response.status());
                assertThat(body.getBoolean("is_bifrost_error")).as(replay).isFalse();
                assertThat(body.getJsonObject("error").getString("message")).as(replay).isNotBlank();
            }

            assertThat(seenKinds).hasSizeGreaterThan(20);
            HttpResponse<String> after = get(client, uri);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(before);
            assertThat(after.headers().firstValue("ETag")).hasValue("\"1\"");
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
