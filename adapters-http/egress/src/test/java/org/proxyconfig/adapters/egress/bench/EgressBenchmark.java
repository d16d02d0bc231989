package org.proxyconfig.adapters.egress.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.proxyconfig.adapters.egress.EgressOptions;
import org.proxyconfig.adapters.egress.H2Target;
import org.proxyconfig.adapters.egress.OutboundClients;
import org.proxyconfig.adapters.egress.OutboundRequest;
import org.proxyconfig.adapters.egress.OutboundResponse;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.ServerSentEvent;
import org.proxyconfig.adapters.egress.ServerSentEvents;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.adapters.egress.TestTargets;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/**
 * {@code ./proxy-config bench egress} (docs/PERFORMANCE.md, "The outbound clients"): our
 * {@link OutboundClients} against the JDK's {@link HttpClient}, both through the real authenticating
 * tinyproxy (and once direct), to local HTTPS targets. Each row warms both clients up, then runs
 * interleaved rounds (ours, JDK, ours, JDK, ...) and reports medians over the rounds, the ratio of the
 * two, and how many CONNECTs tinyproxy logged for each client against the requests it sent. Then it
 * times Server-Sent Events: from the target's flush of the first event to {@link ServerSentEvents#next()}
 * returning it. A command, never a test (the name matches no surefire pattern).
 *
 * <p>Knobs (environment): {@code DURATION} seconds per round (2), {@code ROUNDS} (5), {@code WARMUP}
 * seconds per client and row (2), {@code CALLERS} for the concurrent rows (8), {@code STREAMS} (5).
 * The CPU column is this whole JVM (the targets run in it too, the same work for both clients) per
 * request. The JVM must run with {@code -Djdk.http.auth.tunneling.disabledSchemes=} so that the JDK client
 * may send Basic credentials on a CONNECT.
 */
public final class EgressBenchmark {

    private static final Duration DURATION = seconds("DURATION", "2");
    private static final Duration WARMUP = seconds("WARMUP", "2");
    private static final int ROUNDS = Integer.parseInt(env("ROUNDS", "5"));
    private static final int CALLERS = Integer.parseInt(env("CALLERS", "8"));
    private static final int STREAMS = Integer.parseInt(env("STREAMS", "5"));

    /** What a GET came back with; {@code protocol} as the client reports it. */
    record Answer(int status, String protocol, String body) {
    }

    /** One client under test. */
    interface Client extends AutoCloseable {
        Answer get(URI uri) throws Exception;

        /** Opens an event stream (through the proxy for a proxied client). */
        ServerSentEvents events(URI uri) throws Exception;

        @Override
        void close();
    }

    /** One client's figures in one row. */
    private static final class Side {
        final String name;
        final Client client;
        final List<ClosedLoop.Result> rounds = new ArrayList<>();
        Answer first;
        long requests;
        long connects;

        Side(String name, Client client) {
            this.name = name;
            this.client = client;
        }

        double median(ToDoubleFunction<ClosedLoop.Result> figure) {
            return EgressBenchmark.median(rounds.stream().mapToDouble(figure).toArray());
        }
    }

    private final TestPki pki;
    private final TestTargets targets;
    private final H2Target h2;
    private final RealProxies.ProxyProcess tinyproxy;
    private final StringBuilder table = new StringBuilder();

    private EgressBenchmark(TestPki pki, TestTargets targets, H2Target h2, RealProxies proxies) {
        this.pki = pki;
        this.targets = targets;
        this.h2 = h2;
        this.tinyproxy = proxies.tinyproxyAuth;
    }

    public static void main(String[] args) throws Exception {
        if (!"".equals(System.getProperty("jdk.http.auth.tunneling.disabledSchemes"))) {
            throw new IllegalStateException("run with -Djdk.http.auth.tunneling.disabledSchemes= (./proxy-config bench egress does)");
        }
        Path dir = Files.createTempDirectory("proxy-config-bench-egress");
        TestPki pki = TestPki.get();
        System.out.printf("# egress benchmark, %s, Java %s, %d cores, load average %s%n", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("# DURATION=%ds ROUNDS=%d WARMUP=%ds CALLERS=%d STREAMS=%d; medians over the rounds, interleaved ours, JDK, ours, ...%n%n",
                DURATION.toSeconds(), ROUNDS, WARMUP.toSeconds(), CALLERS, STREAMS);
        try (TestTargets targets = new TestTargets(pki); H2Target h2 = new H2Target(pki); RealProxies proxies = new RealProxies(dir, pki)) {
            new EgressBenchmark(pki, targets, h2, proxies).run();
        } finally {
            TestPki.deleteTree(dir);
        }
        System.out.printf("%n# load average at the end: %s%n", loadAverage());
    }

    private void run() throws Exception {
        table.append("| row | client | protocol (client says / target saw) | requests/s | p50 ms | p99 ms | ours ÷ JDK requests/s (per round) | JVM CPU µs / request | CONNECTs / requests |\n");
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        URI h1 = targets.https("/bench");
        URI h2Uri = h2.https("/one-write");
        row("proxy, HTTPS HTTP/1.1 target, 1 caller", h1, 1, true);
        row("proxy, HTTPS HTTP/1.1 target, " + CALLERS + " callers", h1, CALLERS, true);
        row("proxy, HTTPS h2 target, 1 caller", h2Uri, 1, true);
        row("proxy, HTTPS h2 target, " + CALLERS + " callers", h2Uri, CALLERS, true);
        // The end of the stream in a write of its own: tinyproxy (no TCP_NODELAY) holds it back until
        // the client acknowledges the first, which a client with nothing to send delays (~40 ms on Linux).
        row("proxy, HTTPS h2 target ending its stream in a 2nd write, 1 caller", h2.https("/protocol"), 1, true);
        row("direct, HTTPS HTTP/1.1 target, 1 caller", h1, 1, false);
        row("direct, HTTPS h2 target, 1 caller", h2Uri, 1, false);
        System.out.println();
        System.out.print(table);
        System.out.println();
        serverSentEvents();
    }

    /** One row: both clients warmed up, then measured in interleaved rounds. */
    private void row(String name, URI uri, int callers, boolean proxied) throws Exception {
        System.out.println("## " + name);
        try (Client ours = ours(proxied); Client jdk = jdk(proxied)) {
            List<Side> sides = List.of(new Side("ours", ours), new Side("JDK", jdk));
            for (Side side : sides) {
                int mark = tinyproxy.mark();
                side.first = check(side.client.get(uri));
                ClosedLoop.Result warm = ClosedLoop.run(callers, WARMUP, () -> check(side.client.get(uri)));
                side.requests += 1 + warm.requests() + warm.errors();
                side.connects += connects(mark, uri);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (Side side : sides) {
                    int mark = tinyproxy.mark();
                    ClosedLoop.Result r = ClosedLoop.run(callers, DURATION, () -> check(side.client.get(uri)));
                    side.rounds.add(r);
                    side.requests += r.requests() + r.errors();
                    side.connects += connects(mark, uri);
                    targets.seen.clear(); // the target records every request; keep the heap flat
                    System.out.printf("round %d %-4s %8.0f requests/s  p50 %6.2f ms  p99 %6.2f ms  CPU %5.0f µs/request  errors %d%n",
                            round, side.name, r.perSecond(), r.p50() / 1e6, r.p99() / 1e6, r.cpuMicrosPerRequest(), r.errors());
                }
            }
            Side o = sides.get(0), j = sides.get(1);
            double[] perRound = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) perRound[i] = o.rounds.get(i).perSecond() / j.rounds.get(i).perSecond();
            Arrays.sort(perRound);
            String ratio = String.format(Locale.ROOT, "**%.2f×** (%.2f–%.2f)", o.median(ClosedLoop.Result::perSecond)
                    / j.median(ClosedLoop.Result::perSecond), perRound[0], perRound[ROUNDS - 1]);
            for (Side side : sides) {
                table.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %,.0f | %.2f | %.2f | %s | %.0f | %d / %,d |%n", name, side.name,
                        side.first.protocol(), saw(side.first), side.median(ClosedLoop.Result::perSecond),
                        side.median(r -> r.p50() / 1e6), side.median(r -> r.p99() / 1e6), side == o ? ratio : "",
                        side.median(ClosedLoop.Result::cpuMicrosPerRequest), side.connects, side.requests));
            }
        }
    }

    /**
     * Streams through the proxy to the h2 target, which flushes one event, waits a second, and sends
     * the rest: the time from its flush to {@code next()} returning that event, for ours and for the
     * JDK client's body read by the same {@link ServerSentEvents} parser. One stream each first is not counted.
     */
    private void serverSentEvents() throws Exception {
        try (Client ours = ours(true); Client jdk = jdk(true)) {
            List<Client> clients = List.of(ours, jdk);
            double[][] firstEvent = new double[2][STREAMS];
            double[][] gap = new double[2][STREAMS];
            String[] said = new String[2];
            for (int stream = -1; stream < STREAMS; stream++) {
                for (int c = 0; c < 2; c++) {
                    String id = UUID.randomUUID().toString();
                    try (ServerSentEvents events = clients.get(c).events(h2.https("/sse-timed/" + id))) {
                        ServerSentEvent first = events.next().orElseThrow();
                        long firstAt = System.nanoTime();
                        ServerSentEvent rest = events.next().orElseThrow();
                        long restAt = System.nanoTime();
                        if (!rest.event().equals("done") || events.next().isPresent()) throw new IllegalStateException("unexpected stream end: " + rest);
                        said[c] = first.data();
                        if (stream < 0) continue;
                        firstEvent[c][stream] = (firstAt - h2.flushedAt(id)) / 1e6;
                        gap[c][stream] = (restAt - firstAt) / 1e6;
                    }
                }
            }
            System.out.printf("Server-Sent Events through the proxy to the h2 target (first event, a 1 s pause, the rest), %d streams each:%n%n", STREAMS);
            System.out.println("| client | first event says | flush → next() returns it: median (min–max) ms | first → second event: median ms |");
            System.out.println("|---|---|---|---|");
            for (int c = 0; c < 2; c++) {
                double[] sorted = firstEvent[c].clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "| %s | %s | **%.2f** (%.2f–%.2f) | %.0f |%n", c == 0 ? "ours" : "JDK (same parser)", said[c],
                        median(firstEvent[c]), sorted[0], sorted[STREAMS - 1], median(gap[c]));
            }
        }
    }

    private Answer check(Answer answer) {
        if (answer.status() != 200 || !(answer.body().startsWith("target saw GET") || answer.body().startsWith("saw HTTP/"))) {
            throw new IllegalStateException("unexpected answer: " + answer);
        }
        return answer;
    }

    /** The protocol the h2 target reports it saw; the HTTP/1.1 target speaks nothing else and says nothing. */
    private static String saw(Answer answer) {
        return answer.body().startsWith("saw ") ? answer.body().substring(4) : "(HTTP/1.1 only)";
    }

    /** The CONNECTs to {@code uri}'s host and port that tinyproxy logged after {@code mark}. */
    private int connects(int mark, URI uri) {
        String log = tinyproxy.since(mark);
        String connect = "CONNECT " + uri.getHost() + ":" + uri.getPort() + " ";
        int n = 0;
        for (int at = log.indexOf(connect); at >= 0; at = log.indexOf(connect, at + 1)) n++;
        return n;
    }

    // ---- the two clients -------------------------------------------------------------------------

    private Client ours(boolean proxied) {
        ProxyRouter router = ProxyRouter.compile(proxied ? ProxyConfig.builder().enabled(true).type(ProxyType.HTTP)
                .url("http://127.0.0.1:" + tinyproxy.port).username(RealProxies.USER).password(Secret.of(RealProxies.PASSWORD))
                .caCertPem(pki.certificatePem).enableForApi(true).enableForInference(true).noProxy("").build()
                : ProxyConfig.DEFAULTS);
        OutboundClients clients = new OutboundClients(() -> router, EgressOptions.defaults().withSystemTrust(pki.systemPlusTestCertificate()));
        return new Client() {
            @Override
            public Answer get(URI uri) throws IOException {
                OutboundResponse r = clients.api().get(uri);
                return new Answer(r.status(), r.protocol(), r.bodyText());
            }

            @Override
            public ServerSentEvents events(URI uri) throws IOException {
                return clients.inference().open(OutboundRequest.get(uri)).events();
            }

            @Override
            public void close() {
                clients.close();
            }
        };
    }

    /** The JDK client as an application would set it up: the proxy, its credentials, a trust store with the test certificate. */
    private Client jdk(boolean proxied) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {pki.systemPlusTestCertificate()}, null);
        HttpClient.Builder builder = HttpClient.newBuilder().sslContext(tls); // HTTP/2 preferred, by ALPN
        if (proxied) {
            builder.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", tinyproxy.port))).authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication(RealProxies.USER, RealProxies.PASSWORD.toCharArray()) : null;
                }
            });
        }
        HttpClient client = builder.build();
        return new Client() {
            @Override
            public Answer get(URI uri) throws Exception {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.version() == HttpClient.Version.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1", r.body());
            }

            @Override
            public ServerSentEvents events(URI uri) throws Exception {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofInputStream());
                return new ServerSentEvents(r.body());
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    // ---- small helpers ---------------------------------------------------------------------------

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** "3" or "3s". */
    private static Duration seconds(String name, String fallback) {
        return Duration.ofSeconds(Long.parseLong(env(name, fallback).replaceFirst("s$", "")));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
