package org.proxyconfig.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.bootstrap.PackagedJar;

/**
 * Reliability suite "crash consistency" (docs/RELIABILITY.md): the real jar takes a stream of
 * PUTs and is killed with SIGKILL at a random moment, then restarted on the same data, again and
 * again. After every restart the database opens, the configuration in force is the last
 * acknowledged PUT or a later one (never an older one, never a torn one), and the newest revision
 * in the history is the one in force. CI runs 20 rounds; {@code -Dcrash.rounds=200} is the full run.
 */
class CrashConsistencyIT {

    private static final String TOKEN = "crash-admin-token-55aa";

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killedMidStreamTheStoreKeepsEveryAcknowledgedWriteAndNoTornRevision() throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 20);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        AtomicLong sent = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();

        for (int round = 0; round < rounds; round++) {
            int port = PackagedJar.freePort();
            Process jar = start(port);
            try {
                PackagedJar.awaitHealth(jar, port, "nothing: its console is discarded");
                String context = "round " + round + " of seed " + seed;
                if (round > 0) checkConsistent(port, sent.get(), acknowledged.get(), context);

                Thread writer = Thread.ofPlatform().start(() -> writeUntilKilled(port, sent, acknowledged));
                Thread.sleep(50 + random.nextInt(700));
                jar.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                assertThat(jar.waitFor(20, TimeUnit.SECONDS)).isTrue();
                writer.join(20_000);
            } finally {
                jar.destroyForcibly();
            }
        }

        int port = PackagedJar.freePort();
        Process last = start(port);
        try {
            PackagedJar.awaitHealth(last, port, "nothing: its console is discarded");
            checkConsistent(port, sent.get(), acknowledged.get(), "after the last round of seed " + seed);
        } finally {
            last.destroy();
            last.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(acknowledged.get()).as("the stream really wrote").isGreaterThan(rounds);
    }

    /** PUTs numbered configurations (the number in no_proxy) until the server stops answering. */
    private void writeUntilKilled(int port, AtomicLong sent, AtomicLong acknowledged) {
        while (true) {
            long n = sent.incrementAndGet();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"proxy.example:3128\","
                                + "\"username\":\"u\",\"password\":\"p-" + n + "\",\"no_proxy\":\"n" + n + ".example\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) throw new AssertionError("PUT " + n + ": " + response.body());
                acknowledged.set(n);
            } catch (IOException | InterruptedException killed) {
                return;
            }
        }
    }

    private void checkConsistent(int port, long sent, long acknowledged, String context) throws Exception {
        HttpResponse<String> current = client.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(current.statusCode()).as(context).isEqualTo(200);
        String noProxy = json(current.body()).getString("no_proxy");
        // Killed before the first write was committed: nothing stored, which is right only if
        // nothing was acknowledged either.
        long inForce = noProxy.isEmpty() ? 0 : Long.parseLong(noProxy.substring(1, noProxy.indexOf('.')));
        assertThat(inForce).as(context + ": the last acknowledged PUT or a later one")
                .isBetween(acknowledged, sent);
        if (inForce == 0) {
            assertThat(current.headers().firstValue("ETag")).as(context).hasValue("\"0\"");
            return;
        }

        HttpResponse<String> history = client.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config/history?limit=1"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonObject newest = json(history.body()).getJsonArray("revisions").getJsonObject(0);
        assertThat("\"" + newest.getInt("revision") + "\"").as(context).isEqualTo(current.headers().firstValue("ETag").orElseThrow());
        assertThat(newest.getJsonObject("config").getString("no_proxy")).as(context).isEqualTo(noProxy);
    }

    private Process start(int port) {
        return PackagedJar.start(port, dataDir, Map.of("PROXY_CONFIG_ADMIN_TOKEN", TOKEN), ProcessBuilder.Redirect.DISCARD);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
