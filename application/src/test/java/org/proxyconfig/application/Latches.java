package org.proxyconfig.application;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a latch that another thread counts down, with {@link Eventually}'s manners: the
 * deadline only guards against a hang, and the failure names what did not happen.
 */
public final class Latches {

    /** Generous: it is never a speed the test asserts. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Latches() {
    }

    /** Returns once {@code latch} is open; an {@link AssertionError} saying that {@code what} did not happen otherwise. */
    public static void await(String what, CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(what + ": not so within " + TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting until " + what, e);
        }
    }
}
