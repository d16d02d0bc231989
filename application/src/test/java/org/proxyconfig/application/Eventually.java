package org.proxyconfig.application;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for state that a test can only observe from outside (another thread's or process's
 * doing): checks the condition every {@link #INTERVAL} until it holds, and fails with a message
 * that names what did not happen once the deadline has passed. The deadline only guards against
 * a hang, so it is generous; it is never a speed the test asserts. Prefer a latch, a queue or a
 * future when the code under test can signal; use this where it cannot.
 */
public final class Eventually {

    /** How often the condition is checked: often enough not to slow a test, rarely enough not to busy a core. */
    public static final Duration INTERVAL = Duration.ofMillis(20);

    private Eventually() {
    }

    /**
     * Returns once {@code condition} holds; throws an {@link AssertionError} saying that
     * {@code what} did not happen within {@code timeout} otherwise. An exception thrown by the
     * condition ends the wait at once (a process that died need not be waited for).
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, INTERVAL, condition);
    }

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}, checking every {@code interval}: for a
     * benchmark whose figure has that resolution.
     */
    public static void until(String what, Duration timeout, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                // One last look: the deadline may have passed while this thread was not scheduled.
                if (condition.getAsBoolean()) return;
                throw new AssertionError(what + ": not so within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
