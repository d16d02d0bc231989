package org.proxyconfig.adapters.egress;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;

/**
 * The connections of one {@link RouteProfile}: a started Jetty client whose pools (one per target
 * origin, kept alive, HTTP/2 multiplexed where negotiated) serve only requests of that profile.
 * Reference-counted: the pools hold one reference while the profile is in force and every request
 * holds one while it runs, so a retired pool is drained — its running requests finish — and then
 * stopped, which closes its connections. A retired pool is never handed to a new request.
 */
final class RoutePool {

    private final RouteProfile profile;
    private final HttpClient client;
    private final AtomicInteger references = new AtomicInteger(1);
    /** The connections a request has started on; weak, so a closed connection leaves with Jetty's last reference. */
    private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    RoutePool(RouteProfile profile, HttpClient client) {
        this.profile = profile;
        this.client = client;
    }

    RouteProfile profile() {
        return profile;
    }

    HttpClient client() {
        return client;
    }

    /** True the first time a request starts on {@code connection}: it was opened for that request. */
    boolean firstUseOf(Connection connection) {
        return used.add(connection);
    }

    /** Takes a reference for one request; false once the pool is retired and drained. */
    boolean tryAcquire() {
        for (int n = references.get(); n > 0; n = references.get()) {
            if (references.compareAndSet(n, n + 1)) return true;
        }
        return false;
    }

    /** Gives a request's reference back; the last one out of a retired pool stops it. */
    void release() {
        if (references.decrementAndGet() == 0) stop();
    }

    /** The profile is no longer in force: close the pool once its running requests are done. */
    void retire() {
        release();
    }

    private void stop() {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping closes sockets; a failure to close one leaves nothing to undo.
        }
    }
}
