package org.proxyconfig.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.egress.OutboundHttpClient;
import org.proxyconfig.adapters.egress.OutboundResponse;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.adapters.egress.TestTargets;
import org.proxyconfig.bootstrap.ProxyConfigServer;
import org.proxyconfig.bootstrap.Settings;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.RouteDecision;

/**
 * Reliability suite "live change under load" (docs/RELIABILITY.md): while the gateway's outbound
 * clients carry steady traffic, the proxy is switched on, off and between real proxies by PUT.
 * A request that starts after a PUT was acknowledged must use that configuration or a later one;
 * the count of requests that used an older one must be zero. CI runs 10 s;
 * {@code -Dlive.seconds=600} is the full run.
 */
class LiveChangeUnderLoadTest {

    private static final String TOKEN = "live-admin-token-93d1";

    @TempDir
    Path work;

    /** One acknowledged PUT: when it was sent, when acknowledged, and the proxy it names (null: direct). */
    private record Change(long sentNanos, long ackNanos, String proxy) {
    }

    /** One outbound request: when it started, when it ended, and the proxy it used (null: direct). */
    private record Sent(long startNanos, long endNanos, String proxy) {
    }

    @Test
    void noRequestStartedAfterAnAcknowledgedChangeUsesAnOlderConfiguration() throws Exception {
        long seconds = Long.getLong("live.seconds", 10);
        TestPki pki = TestPki.get();
        try (RealProxies proxies = new RealProxies(work, pki);
             TestTargets targets = new TestTargets(pki);
             ProxyConfigServer server = ProxyConfigServer.start(Settings.load(java.util.Map.of(
                     "PROXY_CONFIG_HOST", "127.0.0.1", "PROXY_CONFIG_PORT", "0",
                     "PROXY_CONFIG_DATA_DIR", work.resolve("data").toString(), "PROXY_CONFIG_ADMIN_TOKEN", TOKEN)),
                     java.time.Clock.systemUTC())) {
            String[] bodies = {
                    "{\"enabled\":false}",
                    "{\"enabled\":true,\"url\":\"http://127.0.0.1:" + proxies.tinyproxyOpen.port + "\",\"enable_for_api\":true}",
                    "{\"enabled\":true,\"type\":\"socks5\",\"url\":\"socks5://127.0.0.1:" + proxies.microsocksOpen.port
                            + "\",\"enable_for_api\":true}",
            };
            String[] proxyOf = {null, "http://127.0.0.1:" + proxies.tinyproxyOpen.port,
                    "socks5://127.0.0.1:" + proxies.microsocksOpen.port};
            var http = java.net.http.HttpClient.newHttpClient();
            URI api = URI.create("http://127.0.0.1:" + server.port() + "/api/proxy-config");

            List<Change> changes = new ArrayList<>();
            ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            OutboundHttpClient client = server.outboundClients().api();
            URI target = targets.http("/live");
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                load.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        try {
                            OutboundResponse response = client.get(target);
                            if (response.status() != 200) throw new AssertionError("status " + response.status());
                            sent.add(new Sent(start, System.nanoTime(), proxyOf(response.route())));
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }

            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            for (int i = 0; System.nanoTime() < deadline; i++) {
                int state = i % bodies.length;
                long sentAt = System.nanoTime();
                var response = http.send(java.net.http.HttpRequest.newBuilder(api)
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(bodies[state])).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                changes.add(new Change(sentAt, System.nanoTime(), proxyOf[state]));
                Thread.sleep(40);
            }
            running.set(false);
            for (Thread t : load) t.join(30_000);

            assertThat(failures).as("outbound requests that failed").isEmpty();
            int stale = 0;
            for (Sent request : sent) {
                Change inForce = null;
                for (Change c : changes) if (c.ackNanos() < request.startNanos()) inForce = c;
                if (inForce == null) continue; // started before the first acknowledged change
                boolean allowed = java.util.Objects.equals(request.proxy(), inForce.proxy());
                for (Change later : changes) {
                    if (later.sentNanos() < request.endNanos() && later.ackNanos() > inForce.ackNanos()) {
                        allowed |= java.util.Objects.equals(request.proxy(), later.proxy());
                    }
                }
                if (!allowed) stale++;
            }
            System.out.printf("live change under load: %d outbound requests, %d acknowledged changes, %d stale%n",
                    sent.size(), changes.size(), stale);
            assertThat(changes).hasSizeGreaterThan(10);
            assertThat(sent).hasSizeGreaterThan(changes.size());
            assertThat(stale).as("requests that used a configuration older than the last acknowledged PUT "
                    + "(of " + sent.size() + " requests across " + changes.size() + " changes)").isZero();
            assertThat(sent.stream().map(Sent::proxy).distinct().count()).as("every state carried traffic").isEqualTo(3);
        }
    }

    private static String proxyOf(RouteDecision decision) {
        return decision.proxy().map(ProxyEndpoint::toUrl).orElse(null);
    }
}
