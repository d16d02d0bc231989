package org.proxyconfig.adapters.egress.bridge;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.proxyconfig.domain.InvalidTargetException;

/**
 * The host, port and kind of connection of the URI a client asks a {@link java.net.ProxySelector}
 * about: what the routing decision and the proxy mapping need.
 *
 * @param host the URI's host (an IPv6 literal keeps its brackets, which routing accepts)
 * @param port the explicit port, or the scheme's default
 * @param tls  true when the client speaks TLS to the target ({@code https}, {@code wss}): it
 *             then tunnels with CONNECT through an HTTP proxy
 */
record RequestTarget(String host, int port, boolean tls) {

    /**
     * The target of an HTTP request URI, or empty for any other scheme (such as the
     * {@code socket://} a raw {@code Socket} asks the JVM's default selector about): those are no
     * request of the bridge's purpose.
     *
     * @throws InvalidTargetException for an HTTP URI without a host {@link URI} can parse (e.g.
     *                                a name with {@code _}): such a target is never routed, neither way
     */
    static Optional<RequestTarget> of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls;
        switch (scheme) {
            case "http", "ws" -> tls = false;
            case "https", "wss" -> tls = true;
            default -> {
                return Optional.empty();
            }
        }
        if (uri.getHost() == null) {
            throw new InvalidTargetException("the request URI has no host that can be parsed");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return Optional.of(new RequestTarget(uri.getHost(), port, tls));
    }

    /** {@code host:port}, for messages. */
    String authority() {
        return host + ":" + port;
    }
}
