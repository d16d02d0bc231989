package org.proxyconfig.application.port.in;

import java.time.Duration;

/**
 * Waits for the configuration in force on this instance to change: what a held
 * {@code GET ...?wait=} request does (docs/openapi.yaml, "watch").
 */
@FunctionalInterface
public interface WatchProxyConfigUseCase {

    /**
     * Blocks until a revision newer than {@code revision} is in force on this instance (committed
     * here, or learned from another instance), the wait is over, or the instance is shutting down.
     * Meant for a virtual thread: waiting holds no platform thread.
     *
     * @return true when a newer revision is in force; false when the wait ended or was cut short
     */
    boolean awaitNewerThan(long revision, Duration wait) throws InterruptedException;
}
