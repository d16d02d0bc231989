package org.proxyconfig.application.port.in;

import java.time.Duration;

/**
 * The configuration in force on this instance, and a wait for it to change: what a conditional
 * or held {@code GET ...?wait=} request is answered from (docs/openapi.yaml, "watch").
 */
public interface WatchProxyConfigUseCase {

    /** The configuration in force on this instance and its revision, from memory: no store read. */
    CurrentProxyConfig current();

    /**
     * Blocks until a revision newer than {@code revision} is in force on this instance (committed
     * here, or learned from another instance), the wait is over, or the instance is shutting down.
     * Meant for a virtual thread: waiting holds no platform thread.
     *
     * @return true when a newer revision is in force; false when the wait ended or was cut short
     */
    boolean awaitNewerThan(long revision, Duration wait) throws InterruptedException;
}
