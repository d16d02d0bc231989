package org.proxyconfig.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tests' wait: returns once the condition holds, fails by name when it never does. */
class EventuallyTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();

        Eventually.until("the third check", Duration.ofSeconds(30), () -> checks.incrementAndGet() >= 3);

        assertThat(checks).hasValue(3);
    }

    @Test
    void failsNamingWhatDidNotHappenOnceTheDeadlineHasPassed() {
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> Eventually.until("the impossible", Duration.ofMillis(200), () -> {
            checks.incrementAndGet();
            return false;
        })).isInstanceOf(AssertionError.class).hasMessageStartingWith("the impossible: not so within");
        assertThat(checks.get()).as("checked more than once, not in a busy loop").isBetween(2, 50);
    }

    @Test
    void aConditionThatThrowsEndsTheWaitAtOnce() {
        assertThatThrownBy(() -> Eventually.until("a dead process", Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("it exited");
        })).isInstanceOf(IllegalStateException.class).hasMessage("it exited");
    }
}
