package org.proxyconfig.adapters.http.egress;

import java.io.IOException;
import java.util.Objects;

/**
 * An outbound request failed before (or while) the target answered. The message is written for an
 * operator and is sanitized: it names the proxy and the target by address, never a password and
 * never a {@code Proxy-Authorization} value. When {@link #viaProxy()} is true the request was not
 * retried direct: a proxied request never falls back to going direct.
 */
public final class EgressException extends IOException {

    /** Why it failed, in the kinds an operator can act on. */
    public enum Kind {
        /** The proxy wants (other) credentials: a 407, or a 401 answering a CONNECT. */
        PROXY_AUTH_REQUIRED,
        /** The proxy refused the tunnel (a non-2xx CONNECT) or the SOCKS request (an error reply). */
        PROXY_REFUSED,
        /** The SOCKS proxy rejected the username/password, or offers no method we can use. */
        SOCKS_AUTH_REJECTED,
        /** The TLS handshake failed, to the proxy or to the target. */
        TLS_FAILURE,
        /** Connect plus proxy handshake exceeded the timeout, or the response did not come in time. */
        TIMEOUT,
        /** The proxy or the target refused or could not be reached. */
        CONNECT_FAILED,
        /** A host name did not resolve here. */
        UNKNOWN_HOST,
        /** The proxy or the target broke the protocol or closed the connection early. */
        UPSTREAM_ERROR,
        /** The response is larger than the client's cap. */
        RESPONSE_TOO_LARGE
    }

    private final Kind kind;
    private final boolean viaProxy;

    public EgressException(Kind kind, boolean viaProxy, String message) {
        this(kind, viaProxy, message, null);
    }

    public EgressException(Kind kind, boolean viaProxy, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.viaProxy = viaProxy;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the failing request was routed through the proxy. */
    public boolean viaProxy() {
        return viaProxy;
    }
}
