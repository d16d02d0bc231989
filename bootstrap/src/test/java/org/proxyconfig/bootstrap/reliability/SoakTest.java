package org.proxyconfig.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.bootstrap.ProxyConfigServer;
import org.proxyconfig.bootstrap.Settings;

/**
 * Reliability suite "soak" (docs/RELIABILITY.md): mixed GET/PUT load on the production wiring and
 * a real H2 file for a while, with zero errors and no growth trend in the heap that survives a
 * full GC. CI runs 1 minute; {@code -Dsoak.seconds=600} is the full run.
 */
class SoakTest {

    private static final String TOKEN = "soak-admin-token-0b7e";
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void mixedLoadRunsWithoutErrorsAndWithoutHeapGrowth() throws Exception {
        long seconds = Long.getLong("soak.seconds", 60);
        Settings settings = Settings.load(Map.of("PROXY_CONFIG_HOST", "127.0.0.1", "PROXY_CONFIG_PORT", "0",
                "PROXY_CONFIG_DATA_DIR", dataDir.toString(), "PROXY_CONFIG_ADMIN_TOKEN", TOKEN));
        try (ProxyConfigServer server = ProxyConfigServer.start(settings, Clock.systemUTC())) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/proxy-config");
            HttpClient client = HttpClient.newHttpClient();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong gets = new AtomicLong(), puts = new AtomicLong(), errors = new AtomicLong();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean writer = t == 0;
                load.add(Thread.ofPlatform().start(() -> {
                    for (long i = 0; running.get(); i++) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN);
                        if (writer) {
                            request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                                    "{\"enabled\":true,\"url\":\"proxy" + (i % 50) + ".example:3128\",\"username\":\"u\","
                                            + "\"password\":\"p" + i + "\",\"no_proxy\":\".corp.example,10.0.0.0/8\","
                                            + "\"timeout\":" + (i % 3600) + ",\"enable_for_api\":true}"));
                        }
                        try {
                            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status != 200) errors.incrementAndGet();
                            (writer ? puts : gets).incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }

            List<Long> heapAfterGc = new ArrayList<>();
            long start = System.nanoTime();
            Thread.sleep(Math.min(10_000, seconds * 1000 / 6)); // warm-up: JIT, pools, caches
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                heapAfterGc.add(heapAfterFullGc());
                Thread.sleep(Math.max(1000, seconds * 1000 / 12));
            }
            running.set(false);
            for (Thread t : load) t.join(30_000);
            heapAfterGc.add(heapAfterFullGc());

            long first = median(heapAfterGc.subList(0, 3));
            long last = median(heapAfterGc.subList(heapAfterGc.size() - 3, heapAfterGc.size()));
            System.out.printf("soak %d s: %d GET, %d PUT, %d errors; heap after full GC %s MiB%n", seconds,
                    gets.get(), puts.get(), errors.get(), heapAfterGc.stream().map(b -> b / MIB).toList());
            assertThat(errors.get()).isZero();
            assertThat(puts.get()).isPositive();
            assertThat(gets.get()).isGreaterThan(puts.get());
            assertThat(last - first).as("heap growth over the soak, bytes").isLessThan(32 * MIB);
        }
    }

    private static long heapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
