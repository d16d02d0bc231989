package org.proxyconfig.adapters.egress;

import java.time.Duration;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * Told what the outbound traffic does, for metrics: each request's routing decision, and each
 * failure by kind. Called on the request's thread, so an implementation must be quick and must not
 * throw; it sees no target, no URL and no credential — only what a bounded label may hold.
 * {@link #NONE} ignores everything.
 */
public interface EgressObserver {

    EgressObserver NONE = new EgressObserver() {
    };

    /** A request of {@code purpose} goes out as {@code decision} says (once per request, whatever retries follow). */
    default void routed(Purpose purpose, RouteDecision decision) {
    }

    /**
     * A connection was opened for a request of {@code route}: {@code setup} is DNS, TCP connect,
     * the proxy's handshake (CONNECT or SOCKS) and TLS. A request on a pooled connection is none.
     */
    default void connected(RouteDecision.Route route, Duration setup) {
    }

    /** That request failed before its answer was complete; an answer with an error status is no failure here. */
    default void failed(Purpose purpose, RouteDecision decision, EgressFailure kind) {
    }
}
