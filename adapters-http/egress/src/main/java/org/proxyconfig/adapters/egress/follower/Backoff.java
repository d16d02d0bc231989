package org.proxyconfig.adapters.egress.follower;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt after a failure: a ceiling that doubles from
 * {@code min} to {@code max} with each failure, and a delay drawn uniformly between {@code min}
 * and that ceiling ("full jitter" above a floor). The jitter spreads the retries of many services
 * that lost the server at the same moment, so they do not all come back in the same instant; the
 * floor keeps a failing server from being asked again at once.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private long ceilingNanos;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero()) throw new IllegalArgumentException("backoff min must be positive");
        if (max.compareTo(min) < 0) throw new IllegalArgumentException("backoff max must not be below min");
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = Objects.requireNonNull(random, "random");
        this.ceilingNanos = minNanos;
    }

    /** The delay before the next attempt; the ceiling then doubles, up to {@code max}. */
    Duration next() {
        long delay = ceilingNanos == minNanos ? minNanos : random.nextLong(minNanos, ceilingNanos + 1);
        ceilingNanos = ceilingNanos > maxNanos / 2 ? maxNanos : ceilingNanos * 2;
        return Duration.ofNanos(delay);
    }

    /** After a success: the next failure starts from {@code min} again. */
    void reset() {
        ceilingNanos = minNanos;
    }
}
