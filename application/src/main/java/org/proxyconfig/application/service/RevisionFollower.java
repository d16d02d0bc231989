package org.proxyconfig.application.service;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.out.ChangeNotifications;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.Revision;

/**
 * Keeps {@link ActiveProxyConfig} on the newest revision of a store that other instances write to
 * too, and says whether the store can be reached (docs/decisions/0008-postgresql-and-propagation.md).
 *
 * <p>It owns no thread: the driving side calls {@link #poll()} on a timer of its own (the safety
 * net for a missed notification or a dropped listening connection) and whenever the
 * {@code onChange} it gave to {@link #listen} is called (a notification from the store, in
 * milliseconds). A poll reads the newest number and, only when it is ahead of the one in force,
 * reads that revision and puts it in force. A store that cannot be reached changes nothing in
 * force: outbound traffic keeps the last good configuration from memory, and {@link #check()}
 * reports degraded until a poll succeeds.
 */
public final class RevisionFollower implements CheckHealthUseCase {

    private static final System.Logger LOG = System.getLogger(RevisionFollower.class.getName());

    private record State(Optional<String> failure, Instant since) {
    }

    private final ProxyConfigStore store;
    private final ActiveProxyConfig active;
    private final ChangeNotifications notifications;
    private final Clock clock;
    private volatile State state;
    private volatile boolean notificationsInterrupted;

    public RevisionFollower(ProxyConfigStore store, ActiveProxyConfig active, ChangeNotifications notifications,
                            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.active = Objects.requireNonNull(active, "active");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new State(Optional.empty(), clock.instant());
    }

    /**
     * Starts listening to the store's change notifications until the subscription is closed.
     *
     * @param onChange called when a poll may find a newer revision: a newer one was announced, or
     *                 listening (re)started and something may have been missed meanwhile. It runs
     *                 on the notifier's thread, so it must only arrange for {@link #poll()} to run
     *                 soon on the driver's own.
     */
    public ChangeNotifications.Subscription listen(Runnable onChange) {
        Objects.requireNonNull(onChange, "onChange");
        return notifications.listen(new ChangeNotifications.Listener() {
            @Override
            public void revisionAnnounced(long revision) {
                if (revision > active.revision()) onChange.run();
            }

            @Override
            public void listening() {
                if (notificationsInterrupted) {
                    notificationsInterrupted = false;
                    LOG.log(Level.INFO, "change notifications are back");
                }
                onChange.run(); // whatever was committed while not listening
            }

            @Override
            public void interrupted(String reason) {
                if (!notificationsInterrupted) { // once per interruption, not at every retry
                    notificationsInterrupted = true;
                    LOG.log(Level.WARNING, "change notifications interrupted (" + reason
                            + "); changes made elsewhere arrive by the poll alone until they are back");
                }
            }
        });
    }

    /**
     * Brings the revision in force up to the store's newest, on the calling thread. Never throws:
     * a failure is remembered for {@link #check()}, and the next poll tries again.
     */
    public synchronized void poll() {
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
}
