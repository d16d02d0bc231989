package org.proxyconfig.adapters.egress;

import java.util.Optional;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.Secret;

/**
 * What a pooled connection is bound to. Two requests may share a connection only when their
 * profiles are equal: the same proxy (or none), credentials, TLS trust and timeout, whether they
 * come from the main configuration or from a per-target route's own proxy. A change of any
 * of them after a PUT means new connections; the old pool is drained and closed.
 *
 * @param proxy empty for direct connections
 */
record RouteProfile(Optional<ProxyEndpoint> proxy, ProxyType type, String username, Secret password,
                    boolean skipTlsVerify, String caCertPem, int timeoutSeconds) {

    static RouteProfile direct(ProxyConfig config) {
        // Direct TLS always uses the system trust: only the timeout of the configuration applies.
        return new RouteProfile(Optional.empty(), ProxyType.HTTP, "", Secret.NONE, false, "",
                config.effectiveTimeoutSeconds());
    }

    static RouteProfile proxied(ProxyConfig config, ProxyEndpoint proxy) {
        return new RouteProfile(Optional.of(proxy), config.type(), config.username(), config.password(),
                config.skipTlsVerify(), config.caCertPem(), config.effectiveTimeoutSeconds());
    }

    /**
     * Through one proxy of a per-target route's own list: its credentials, TLS options and timeout, never the
     * main proxy's (the main password must not reach a second proxy).
     */
    static RouteProfile routed(RouteProxy proxy, ProxyEndpoint endpoint) {
        return new RouteProfile(Optional.of(endpoint), proxy.type(), proxy.username(), proxy.password(),
                proxy.skipTlsVerify(), proxy.caCertPem(), proxy.effectiveTimeoutSeconds());
    }

    /**
     * The profile a request routed as {@code decision} under {@code config} needs, through the
     * proxy at {@code index} of the decision's list (ignored for a direct one).
     */
    static RouteProfile of(ProxyConfig config, RouteDecision decision, int index) {
        if (decision.route() == RouteDecision.Route.DIRECT) return direct(config);
        ProxyEndpoint endpoint = decision.proxies().orElseThrow().get(index);
        return decision.routeProxy().map(own -> routed(own, endpoint)).orElseGet(() -> proxied(config, endpoint));
    }

    boolean isDirect() {
        return proxy.isEmpty();
    }

    long timeoutMillis() {
        return timeoutSeconds * 1000L;
    }

    /** For names and messages: {@code direct} or the proxy's URL (which never holds credentials). */
    String describe() {
        return proxy.map(ProxyEndpoint::toUrl).orElse("direct");
    }

    @Override
    public String toString() {
        return "RouteProfile[" + describe() + ", timeout " + timeoutSeconds + " s]";
    }
}
