package org.proxyconfig.adapters.egress;

import java.time.Duration;
import java.util.Optional;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * Told what the outbound traffic does, for metrics and the traffic panel: each request's routing
 * decision, and each failure by kind with its target host. Called on the request's thread, so an
 * implementation must be quick and must not throw. It sees no URL, no path, no port and no
 * credential; the one unbounded value, a failure's host, is for a "last failure" record and must
 * never become a metric label. {@link #NONE} ignores everything.
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

    /**
     * The same, naming the proxy connected through ({@code proxy} empty for a direct connection);
     * by default it tells {@link #connected(RouteDecision.Route, Duration)}.
     */
    default void connected(RouteDecision.Route route, Optional<ProxyEndpoint> proxy, Duration setup) {
        connected(route, setup);
    }

    /**
     * That request failed before its answer was complete; an answer with an error status is no
     * failure here. {@code host} is the target's host name or IP literal alone (an IPv6 literal in
     * brackets): the request URI's user info, port, path and query are never passed.
     */
    default void failed(Purpose purpose, RouteDecision decision, EgressFailure kind, String host) {
    }

    /**
     * {@code proxy}, one of a list with fallbacks, could not be used ({@code kind} says how) and is
     * set aside for the list's cool-down; the request goes on to the next proxy of the list.
     */
    default void setAside(ProxyEndpoint proxy, EgressFailure kind) {
    }
}
