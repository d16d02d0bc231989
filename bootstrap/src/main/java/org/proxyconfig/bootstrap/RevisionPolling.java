package org.proxyconfig.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.application.port.out.ChangeNotifications;
import org.proxyconfig.application.service.RevisionFollower;

/**
 * Drives the {@link RevisionFollower} from the composition root, on one daemon thread of its own:
 * a poll every interval, and one at once when a change notification asks for it. One thread, so
 * polls never overlap and a burst of notifications queues rather than fans out.
 */
final class RevisionPolling implements AutoCloseable {

    private final ScheduledExecutorService thread;
    private final ChangeNotifications.Subscription subscription;

    private RevisionPolling(ScheduledExecutorService thread, ChangeNotifications.Subscription subscription) {
        this.thread = thread;
        this.subscription = subscription;
    }

    /** Starts listening and polling every {@code interval}. */
    static RevisionPolling start(RevisionFollower follower, Duration interval) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval <= 0");
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "proxy-config-revision-follower");
            t.setDaemon(true);
            return t;
        });
        ChangeNotifications.Subscription subscription = follower.listen(() -> pollSoon(thread, follower));
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(follower::poll, millis, millis, TimeUnit.MILLISECONDS);
        return new RevisionPolling(thread, subscription);
    }

    /** Stops listening and polling; a poll running now finishes first. */
    @Override
    public void close() {
        subscription.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether its thread has ended: after {@link #close()}, nothing can poll again. */
    boolean stopped() {
        return thread.isTerminated();
    }

    private static void pollSoon(ScheduledExecutorService thread, RevisionFollower follower) {
        try {
            thread.execute(follower::poll);
        } catch (RejectedExecutionException e) {
            // closing: the last poll is not needed
        }
    }
}
