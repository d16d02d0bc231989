package org.proxyconfig.adapters.egress.follower;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyRoutes;

/**
 * The router in force and the {@link FollowerState} beside it, and the listener told of each
 * change. Written by one thread at a time (the starting thread while it reads the cache, then the
 * poll loop alone, which it starts), read by any: both are volatile, each replaced whole.
 */
final class CurrentConfig {

    private static final System.Logger LOG = System.getLogger(ConfigFollower.class.getName());

    private final ConfigFollower.Listener listener;
    private final Clock clock;
    private final CountDownLatch known = new CountDownLatch(1);
    private volatile ProxyRouter router;
    private volatile FollowerState state = FollowerState.INITIAL;

    CurrentConfig(ConfigFollower.Listener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** The router in force, or {@code null} while none is known. */
    ProxyRouter routerOrNull() {
        return router;
    }

    FollowerState state() {
        return state;
    }

    long revision() {
        return state.revision();
    }

    boolean awaitKnown(Duration timeout) throws InterruptedException {
        return known.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Routes with {@code config} and its {@code routes} from now on, as the server does; the router
     * is compiled before it is published.
     */
    void adopt(long revision, ProxyConfig config, ProxyRoutes routes, FollowerState.Source source) {
        router = ProxyRouter.compile(config, routes);
        state = state.withConfiguration(revision, source);
        known.countDown();
        notify("configurationChanged", () -> listener.configurationChanged(revision, config));
    }

    /** The server confirmed (304) the revision held: it is the server's, whatever it came from. */
    void confirmed() {
        if (state.source() != FollowerState.Source.SERVER) state = state.withConfiguration(state.revision(), FollowerState.Source.SERVER);
    }

    void contactSucceeded() {
        boolean restored = state.consecutiveFailures() > 0;
        state = state.withContact(clock.instant());
        if (restored) {
            LOG.log(Level.INFO, "proxy-config follower: contact restored, revision {0}", state.revision());
            notify("contactRestored", listener::contactRestored);
        }
    }

    void contactFailed(String reason) {
        boolean lost = state.consecutiveFailures() == 0;
        state = state.withFailure(reason, clock.instant());
        if (lost) {
            LOG.log(Level.WARNING, "proxy-config follower: contact lost ({0}); routing with revision {1}",
                    reason, state.revision());
            notify("contactLost", () -> listener.contactLost(reason));
        }
    }

    /** A problem that does not touch the contact with the server: the cache could not be read or written. */
    void problem(String message) {
        LOG.log(Level.WARNING, "proxy-config follower: {0}", message);
        state = state.withProblem(message, clock.instant());
    }

    /** The listener is the embedding service's code: whatever it throws must not stop the following. */
    private static void notify(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "proxy-config follower: the listener's " + what + " threw; ignored", e);
        }
    }
}
