package org.proxyconfig.application.service;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.out.ChangeNotifications;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.Revision;

/**
 * Keeps {@link ActiveProxyConfig} on the newest revision of a store that other instances write to
 * too, and says whether the store can be reached (docs/decisions/0008-postgresql-and-propagation.md).
 *
 * <p>Two ways to learn of a change, one check: a notification from the store (milliseconds) and a
 * poll every {@code pollInterval} (the safety net for a missed notification or a dropped
 * listening connection). Either one runs {@link #checkNow()} on the follower's single thread: read
 * the newest number, and only when it is ahead of the one in force read that revision and put it
 * in force. A store that cannot be reached changes nothing in force: outbound traffic keeps the
 * last good configuration from memory, and {@link #check()} reports degraded until a read succeeds.
 */
public final class RevisionFollower implements CheckHealthUseCase, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RevisionFollower.class.getName());

    private record State(Optional<String> failure, Instant since) {
    }

    private final ProxyConfigStore store;
    private final ActiveProxyConfig active;
    private final ChangeNotifications notifications;
    private final Duration pollInterval;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile State state;
    private ChangeNotifications.Subscription subscription;
    private volatile boolean notificationsInterrupted;

    public RevisionFollower(ProxyConfigStore store, ActiveProxyConfig active, ChangeNotifications notifications,
                            Duration pollInterval, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.active = Objects.requireNonNull(active, "active");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("pollInterval <= 0");
        this.pollInterval = pollInterval;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new State(Optional.empty(), clock.instant());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "proxy-config-revision-follower");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts listening and polling; returns this. */
    public RevisionFollower start() {
        long millis = pollInterval.toMillis();
        thread.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
        subscription = notifications.listen(new ChangeNotifications.Listener() {
            @Override
            public void revisionAnnounced(long revision) {
                if (revision > active.revision()) submitCheck();
            }

            @Override
            public void listening() {
                if (notificationsInterrupted) {
                    notificationsInterrupted = false;
                    LOG.log(Level.INFO, "change notifications are back");
                }
                submitCheck(); // whatever was committed while not listening
            }

            @Override
            public void interrupted(String reason) {
                if (!notificationsInterrupted) { // once per interruption, not at every retry
                    notificationsInterrupted = true;
                    LOG.log(Level.WARNING, "change notifications interrupted (" + reason + "); polling every "
                            + millis + " ms until they are back");
                }
            }
        });
        return this;
    }

    /**
     * Brings the revision in force up to the store's newest, on the calling thread. The follower's
     * own thread calls it; tests and a start-up may too.
     */
    public synchronized void checkNow() {
        try {
            long inForce = active.revision();
            Optional<Revision> newer = store.read(log ->
                    log.latestNumber() > inForce ? log.latest() : Optional.<Revision>empty());
            newer.ifPresent(revision -> {
                active.revisionCommitted(revision);
                LOG.log(Level.INFO, "revision " + revision.number() + " (by " + revision.actor()
                        + ") is now in force on this instance");
            });
            if (state.failure().isPresent()) {
                LOG.log(Level.INFO, "the configuration store answers again; revision " + active.revision() + " in force");
                state = new State(Optional.empty(), clock.instant());
            }
        } catch (RuntimeException e) {
            // StoreUnavailableException above all; anything else must not stop the polling either.
            if (state.failure().isEmpty()) {
                LOG.log(Level.WARNING, "the configuration store cannot be reached (" + e.getMessage()
                        + "); outbound traffic keeps revision " + active.revision() + " from memory");
                state = new State(Optional.of(String.valueOf(e.getMessage())), clock.instant());
            } else {
                state = new State(Optional.of(String.valueOf(e.getMessage())), state.since());
            }
        }
    }

    @Override
    public HealthReport check() {
        State s = state;
        long revision = active.revision();
        return s.failure()
                .map(failure -> HealthReport.degraded("the configuration store cannot be reached since " + s.since()
                        + " (" + failure + "); outbound traffic follows revision " + revision
                        + " from memory and changes cannot be saved", revision))
                .orElseGet(() -> HealthReport.ok(revision));
    }

    /** Stops listening and polling; a check running now finishes first. */
    @Override
    public void close() {
        if (subscription != null) subscription.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submitCheck() {
        try {
            thread.execute(this::checkNow);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
