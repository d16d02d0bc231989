package org.proxyconfig.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.http.MutableClock;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.RouteDecision.DecidedBy;

/**
 * The traffic panel's record: exact counts since start, the last proxy failure, and 10-second
 * buckets over 15 minutes that roll over and expire with the clock.
 */
class TrafficLogTest {

    /** On a bucket's boundary, so that "9 s later" stays in the same bucket. */
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final TrafficLog log = new TrafficLog(clock);

    private static final RouteDecision PROXY = new RouteDecision(RouteDecision.Route.PROXY, DecidedBy.PROXY_FOR_PURPOSE, "",
            Optional.of(ProxyList.of(new ProxyEndpoint("http", "proxy.corp", 3128))));

    private static RouteDecision direct(DecidedBy rule) {
        return new RouteDecision(RouteDecision.Route.DIRECT, rule, "", Optional.empty());
    }

    private TrafficLog.PurposeTraffic of(Purpose purpose) {
        return log.snapshot().purposes().stream().filter(p -> p.purpose() == purpose).findFirst().orElseThrow();
    }

    private static long last(long[] window) {
        return window[window.length - 1];
    }

    @Test
    void countsEachRequestOnceByPurposeRouteAndRuleAndEachFailureByKind() {
        log.routed(Purpose.INFERENCE, PROXY);
        log.routed(Purpose.INFERENCE, PROXY);
        log.routed(Purpose.INFERENCE, direct(DecidedBy.NO_PROXY_ENTRY));
        log.routed(Purpose.API, direct(DecidedBy.PURPOSE_DISABLED));
        log.failed(Purpose.INFERENCE, PROXY, EgressFailure.PROXY_AUTH_REQUIRED, "api.openai.com");

        TrafficLog.PurposeTraffic inference = of(Purpose.INFERENCE);
        assertThat(inference.proxy()).isEqualTo(2);
        assertThat(inference.direct()).isEqualTo(1);
        assertThat(inference.byRule()).containsEntry(DecidedBy.NO_PROXY_ENTRY, 1L).containsEntry(DecidedBy.PURPOSE_DISABLED, 0L);
        assertThat(inference.failures()).containsEntry(EgressFailure.PROXY_AUTH_REQUIRED, 1L)
                .containsEntry(EgressFailure.TIMEOUT, 0L);
        assertThat(of(Purpose.API).direct()).isEqualTo(1);
        assertThat(of(Purpose.API).proxy()).isZero();
        assertThat(of(Purpose.SCIM).byRule().values()).containsOnly(0L);
        assertThat(log.snapshot().since()).isEqualTo(START);
    }

    @Test
    void theLastProxyFailureKeepsKindTimeAndHostAndIgnoresDirectFailures() {
        assertThat(of(Purpose.SCIM).lastProxyFailure()).isEmpty();

        log.failed(Purpose.SCIM, PROXY, EgressFailure.CONNECT_FAILED, "idp.example.com");
        clock.advance(Duration.ofSeconds(42));
        log.failed(Purpose.SCIM, PROXY, EgressFailure.PROXY_AUTH_REQUIRED, "login.example.com");
        clock.advance(Duration.ofSeconds(5));
        log.failed(Purpose.SCIM, direct(DecidedBy.NO_PROXY_ENTRY), EgressFailure.TIMEOUT, "direct.example.com");

        assertThat(of(Purpose.SCIM).lastProxyFailure()).contains(new TrafficLog.Failure(
                EgressFailure.PROXY_AUTH_REQUIRED, START.plusSeconds(42), "login.example.com"));
        assertThat(of(Purpose.SCIM).failures()).containsEntry(EgressFailure.TIMEOUT, 1L);
        assertThat(of(Purpose.INFERENCE).lastProxyFailure()).isEmpty();
    }

    @Test
    void theWindowHoldsNinetyBucketsOfTenSecondsTheLastOneInProgress() {
        log.routed(Purpose.API, PROXY);
        log.routed(Purpose.API, PROXY);
        clock.advance(Duration.ofMillis(9_999));
        log.routed(Purpose.API, direct(DecidedBy.NO_PROXY_ENTRY));
        log.failed(Purpose.API, PROXY, EgressFailure.TIMEOUT, "h");

        TrafficLog.PurposeTraffic api = of(Purpose.API);
        assertThat(api.recentProxy()).hasSize(TrafficLog.BUCKETS);
        assertThat(last(api.recentProxy())).isEqualTo(2);
        assertThat(last(api.recentDirect())).isEqualTo(1);
        assertThat(last(api.recentFailed())).isEqualTo(1);
        assertThat(LongStream.of(api.recentProxy()).sum()).isEqualTo(2);
        assertThat(log.snapshot().windowStart()).isEqualTo(START.minus(Duration.ofMinutes(15)).plusSeconds(10));
    }

    @Test
    void aNewBucketStartsAtZeroEveryTenSecondsAndTheOldOnesMoveBack() {
        log.routed(Purpose.API, PROXY);
        log.routed(Purpose.API, PROXY);
        clock.advance(Duration.ofSeconds(10));
        assertThat(last(of(Purpose.API).recentProxy())).isZero();
        log.routed(Purpose.API, PROXY);
        clock.advance(Duration.ofSeconds(20));
        log.routed(Purpose.API, PROXY);
        log.routed(Purpose.API, PROXY);
        log.routed(Purpose.API, PROXY);

        long[] window = of(Purpose.API).recentProxy();
        assertThat(tail(window, 4)).containsExactly(2, 1, 0, 3);
        assertThat(LongStream.of(window).sum()).isEqualTo(6);
        assertThat(of(Purpose.API).proxy()).isEqualTo(6);
    }

    @Test
    void countsLeaveTheWindowAfterFifteenMinutesAndAReusedSlotStartsFromZero() {
        log.routed(Purpose.INFERENCE, PROXY);
        log.routed(Purpose.INFERENCE, PROXY);

        clock.advance(Duration.ofMinutes(15).minusSeconds(10));
        assertThat(of(Purpose.INFERENCE).recentProxy()[0]).as("the oldest bucket, 14 min 50 s ago").isEqualTo(2);

        clock.advance(Duration.ofSeconds(10));
        assertThat(of(Purpose.INFERENCE).recentProxy()).containsOnly(0L);
        log.routed(Purpose.INFERENCE, PROXY); // the slot the first two were counted in, 15 minutes on

        assertThat(last(of(Purpose.INFERENCE).recentProxy())).isEqualTo(1);
        assertThat(LongStream.of(of(Purpose.INFERENCE).recentProxy()).sum()).isEqualTo(1);
        assertThat(of(Purpose.INFERENCE).proxy()).as("since start, nothing expires").isEqualTo(3);
    }

    @Test
    void aQuietHourLeavesAnEmptyWindowNotOldCounts() {
        log.routed(Purpose.SCIM, direct(DecidedBy.PROXY_DISABLED));
        clock.advance(Duration.ofMinutes(61));

        assertThat(of(Purpose.SCIM).recentDirect()).containsOnly(0L);
        assertThat(of(Purpose.SCIM).direct()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsAreAllCounted() throws InterruptedException {
        int threads = 4;
        int each = 20_000;
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) log.routed(Purpose.INFERENCE, PROXY);
            }));
        }
        for (Thread t : running) t.join();

        assertThat(of(Purpose.INFERENCE).proxy()).isEqualTo((long) threads * each);
        assertThat(last(of(Purpose.INFERENCE).recentProxy())).isEqualTo((long) threads * each);
    }

    private static long[] tail(long[] window, int n) {
        return java.util.Arrays.copyOfRange(window, window.length - n, window.length);
    }
}
