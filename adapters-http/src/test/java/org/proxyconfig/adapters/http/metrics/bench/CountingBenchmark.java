package org.proxyconfig.adapters.http.metrics.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.adapters.egress.EgressOptions;
import org.proxyconfig.adapters.egress.OutboundClients;
import org.proxyconfig.adapters.egress.OutboundResponse;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.adapters.egress.TestTargets;
import org.proxyconfig.adapters.egress.bench.ClosedLoop;
import org.proxyconfig.adapters.egress.bench.EgressBenchmark;
import org.proxyconfig.adapters.http.metrics.Metrics;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/**
 * What counting costs the outbound clients (docs/PERFORMANCE.md §7; {@code ./proxy-config bench
 * counting}): the same clients through the real authenticating tinyproxy to the HTTPS target, once
 * with no observer and once with the observer the server wires ({@code Metrics.egress()}: the
 * Prometheus counters of {@code OutboundMetrics} and the traffic panel's {@code TrafficLog}),
 * measured in interleaved rounds (without, with, without, …). The figure is the ratio of
 * the median requests per second, with the per-round range.
 */
public final class CountingBenchmark {

    private static final Duration DURATION = Duration.ofSeconds(Long.parseLong(env("DURATION", "3")));
    private static final Duration WARMUP = Duration.ofSeconds(Long.parseLong(env("WARMUP", "3")));
    private static final int ROUNDS = Integer.parseInt(env("ROUNDS", "7"));
    private static final int CALLERS = Integer.parseInt(env("CALLERS", "8"));

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("proxy-config-bench-counting");
        TestPki pki = TestPki.get();
        System.out.printf("# counting benchmark, %s, Java %s, %d cores, load average %s%n",
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf("# DURATION=%ds ROUNDS=%d WARMUP=%ds CALLERS=%d; interleaved rounds, medians%n%n",
                DURATION.toSeconds(), ROUNDS, WARMUP.toSeconds(), CALLERS);
        try (TestTargets targets = new TestTargets(pki); RealProxies proxies = new RealProxies(dir, pki);
             Metrics metrics = new Metrics()) {
            ProxyRouter router = ProxyRouter.compile(ProxyConfig.builder().enabled(true).type(ProxyType.HTTP)
                    .url("http://127.0.0.1:" + proxies.tinyproxyAuth.port).username(RealProxies.USER)
                    .password(Secret.of(RealProxies.PASSWORD)).caCertPem(pki.certificatePem).enableForApi(true)
                    .noProxy("").build());
            EgressOptions options = EgressOptions.defaults().withSystemTrust(pki.systemPlusTestCertificate());
            URI target = targets.https("/bench");
            StringBuilder table = new StringBuilder("| callers | without: requests/s | with: requests/s | "
                    + "with ÷ without (per round) | CPU µs/request without / with |\n|---|---|---|---|---|\n");
            for (int callers : new int[] {1, CALLERS}) {
                try (OutboundClients without = new OutboundClients(() -> router, options.withObserver(EgressObserver.NONE));
                     OutboundClients with = new OutboundClients(() -> router, options.withObserver(metrics.egress()))) {
                    table.append(row(callers, target, targets, without, with));
                }
            }
            double counted = metrics.registry().get("proxy_config.outbound.requests").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            System.out.printf("%n%s%nrequests counted in Prometheus: %,.0f%n", table, counted);
        } finally {
            TestPki.deleteTree(dir);
        }
        System.out.printf("# load average at the end: %s%n", loadAverage());
    }

    private static String row(int callers, URI target, TestTargets targets, OutboundClients without,
                              OutboundClients with) throws Exception {
        System.out.println("## " + callers + " caller(s)");
        List<OutboundClients> sides = List.of(without, with);
        for (OutboundClients side : sides) ClosedLoop.run(callers, WARMUP, () -> check(side.api().get(target)));
        List<List<ClosedLoop.Result>> rounds = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 1; round <= ROUNDS; round++) {
            for (int s = 0; s < 2; s++) {
                OutboundClients side = sides.get(s);
                ClosedLoop.Result r = ClosedLoop.run(callers, DURATION, () -> check(side.api().get(target)));
                rounds.get(s).add(r);
                targets.seen.clear(); // the target records every request; keep the heap flat
                System.out.printf("round %d %-7s %8.0f requests/s  CPU %5.0f µs/request  errors %d%n", round,
                        s == 0 ? "without" : "with", r.perSecond(), r.cpuMicrosPerRequest(), r.errors());
            }
        }
        double[] perRound = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) perRound[i] = rounds.get(1).get(i).perSecond() / rounds.get(0).get(i).perSecond();
        Arrays.sort(perRound);
        double withoutRate = median(rounds.get(0), ClosedLoop.Result::perSecond);
        double withRate = median(rounds.get(1), ClosedLoop.Result::perSecond);
        return String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | **%.3f×** (%.2f–%.2f) | %.0f / %.0f |%n", callers,
                withoutRate, withRate, withRate / withoutRate, perRound[0], perRound[ROUNDS - 1],
                median(rounds.get(0), ClosedLoop.Result::cpuMicrosPerRequest),
                median(rounds.get(1), ClosedLoop.Result::cpuMicrosPerRequest));
    }

    private static double median(List<ClosedLoop.Result> rounds, java.util.function.ToDoubleFunction<ClosedLoop.Result> figure) {
        return EgressBenchmark.median(rounds.stream().mapToDouble(figure).toArray());
    }

    private static void check(OutboundResponse response) {
        if (response.status() != 200) throw new IllegalStateException("status " + response.status());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim().replaceFirst("s$", "");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
