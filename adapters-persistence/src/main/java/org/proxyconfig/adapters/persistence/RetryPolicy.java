package org.proxyconfig.adapters.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a unit of work whose connection was lost runs again on a fresh one: at most
 * {@code maxRetries} more times, waiting {@code firstBackoff}, then four times longer at each
 * further retry, and never starting a retry once {@code budget} has passed since the first attempt
 * began (a request must not wait long for a store that is down: it answers 503 instead).
 */
record RetryPolicy(int maxRetries, Duration firstBackoff, Duration budget) {

    /** Two retries after 25 ms and 100 ms, within 2 s: enough to step over a restarted server's dead connections. */
    static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(25), Duration.ofSeconds(2));

    RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(budget, "budget");
    }

    /** The pause before retry number {@code retry} (1 for the first). */
    Duration backoff(int retry) {
        return firstBackoff.multipliedBy(1L << (2 * (retry - 1)));
    }

    /** Whether retry number {@code retry} may start, {@code elapsed} after the first attempt began. */
    boolean allows(int retry, Duration elapsed) {
        return retry <= maxRetries && elapsed.plus(backoff(retry)).compareTo(budget) <= 0;
    }
}
