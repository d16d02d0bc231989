package org.proxyconfig.adapters.http.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * What the settings page's traffic panel shows (GET /api/traffic), kept in memory since start:
 * per purpose, the requests by deciding rule (through the proxy, or direct and why), the failures
 * by kind, the last failure on the proxy route with its target host, and per-10-second counts over
 * the last 15 minutes. Prometheus has the counters too; this answers without one, and it is the only
 * place a host is kept (one per purpose, never a label).
 *
 * <p>On every outbound request's path: counting is an add to a {@link LongAdder} and a
 * compare-and-set in {@link RecentCounts}; only a proxy failure allocates (its record).
 */
public final class TrafficLog implements EgressObserver {

    /** 90 buckets of 10 s: 15 minutes, fine enough for a chart a few hundred pixels wide. */
    public static final Duration BUCKET = Duration.ofSeconds(10);
    public static final int BUCKETS = 90;

    /** The series of {@link RecentCounts}, per purpose. */
    private static final int PROXY = 0;
    private static final int DIRECT = 1;
    private static final int FAILED = 2;

    private final Clock clock;
    private final Instant since;
    private final Counts[] byPurpose = new Counts[Purpose.values().length];

    /** One purpose's counts. */
    private static final class Counts {
        final LongAdder[] byRule = adders(RouteDecision.DecidedBy.values().length);
        /** By where the request went: a route's decision may lead either way, so the rule alone cannot say. */
        final LongAdder proxied = new LongAdder();
        final LongAdder[] byKind = adders(EgressFailure.values().length);
        final AtomicReference<Failure> lastProxyFailure = new AtomicReference<>();
        final RecentCounts recent = new RecentCounts(3, BUCKETS);
    }

    public TrafficLog(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
        for (int i = 0; i < byPurpose.length; i++) byPurpose[i] = new Counts();
    }

    @Override
    public void routed(Purpose purpose, RouteDecision decision) {
        Counts counts = byPurpose[purpose.ordinal()];
        counts.byRule[decision.decidedBy().ordinal()].increment();
        if (decision.route() == RouteDecision.Route.PROXY) counts.proxied.increment();
        counts.recent.add(decision.route() == RouteDecision.Route.PROXY ? PROXY : DIRECT, bucket(clock.millis()));
    }

    @Override
    public void failed(Purpose purpose, RouteDecision decision, EgressFailure kind, String host) {
        Counts counts = byPurpose[purpose.ordinal()];
        counts.byKind[kind.ordinal()].increment();
        long now = clock.millis();
        counts.recent.add(FAILED, bucket(now));
        if (decision.route() == RouteDecision.Route.PROXY) {
            counts.lastProxyFailure.set(new Failure(kind, Instant.ofEpochMilli(now), host));
        }
    }

    /** The state now. Each number is exact; they are read one after the other, without a lock. */
    public Snapshot snapshot() {
        Instant at = clock.instant();
        long current = bucket(at.toEpochMilli());
        List<PurposeTraffic> purposes = Arrays.stream(Purpose.values()).map(purpose -> {
            Counts counts = byPurpose[purpose.ordinal()];
            Map<RouteDecision.DecidedBy, Long> byRule = new EnumMap<>(RouteDecision.DecidedBy.class);
            for (RouteDecision.DecidedBy rule : RouteDecision.DecidedBy.values()) {
                byRule.put(rule, counts.byRule[rule.ordinal()].sum());
            }
            Map<EgressFailure, Long> byKind = new EnumMap<>(EgressFailure.class);
            for (EgressFailure kind : EgressFailure.values()) byKind.put(kind, counts.byKind[kind.ordinal()].sum());
            return new PurposeTraffic(purpose, counts.proxied.sum(), byRule, byKind, Optional.ofNullable(counts.lastProxyFailure.get()),
                    counts.recent.window(PROXY, current), counts.recent.window(DIRECT, current),
                    counts.recent.window(FAILED, current));
        }).toList();
        // The window's start: the first bucket's, so that a chart can put each bucket at its time.
        Instant windowStart = Instant.ofEpochMilli((current - (BUCKETS - 1)) * BUCKET.toMillis());
        return new Snapshot(at, since, windowStart, purposes);
    }

    private static long bucket(long epochMillis) {
        return Math.floorDiv(epochMillis, BUCKET.toMillis());
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) adders[i] = new LongAdder();
        return adders;
    }

    /** A failure on the proxy route: its kind, when, and the target's host alone (no port, path or user info). */
    public record Failure(EgressFailure kind, Instant at, String host) {
    }

    /**
     * @param at          when it was read
     * @param since       when counting started (this process's start)
     * @param windowStart the start of the first of the {@link #BUCKETS} buckets of each {@code recent*} array
     */
    public record Snapshot(Instant at, Instant since, Instant windowStart, List<PurposeTraffic> purposes) {
    }

    /**
     * One purpose since start, and over the window: {@code recent*} hold one count per bucket,
     * oldest first, the last one the bucket in progress. A failed request counts in its route too.
     */
    public record PurposeTraffic(Purpose purpose, long proxy, Map<RouteDecision.DecidedBy, Long> byRule,
                                 Map<EgressFailure, Long> failures, Optional<Failure> lastProxyFailure,
                                 long[] recentProxy, long[] recentDirect, long[] recentFailed) {

        public long direct() {
            return byRule.values().stream().mapToLong(Long::longValue).sum() - proxy;
        }
    }
}
