package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Always draws the top of the range: the delays are the ceilings. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override public long nextLong() { throw new UnsupportedOperationException(); }
        @Override public long nextLong(long origin, long bound) { return bound - 1; }
    };

    /** Always draws the bottom of the range. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override public long nextLong() { throw new UnsupportedOperationException(); }
        @Override public long nextLong(long origin, long bound) { return origin; }
    };

    @Test
    void theCeilingDoublesFromMinToMax() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), HIGHEST);

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theDelayNeverFallsBelowMin() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), LOWEST);

        for (int i = 0; i < 10; i++) assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aRealRandomStaysWithinTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), RandomGenerator.getDefault());

        for (int i = 0; i < 50; i++) {
            assertThat(backoff.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(800));
        }
    }

    @Test
    void resetStartsFromMinAgain() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), HIGHEST);
        backoff.next();
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), LOWEST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), LOWEST))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
