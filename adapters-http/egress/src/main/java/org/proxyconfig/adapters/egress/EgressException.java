package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.util.Objects;
import org.proxyconfig.domain.EgressFailure;

/**
 * An outbound request failed before (or while) the target answered. The message is written for an
 * operator and is sanitized: it names the proxy and the target by address, never a password and
 * never a {@code Proxy-Authorization} value. When {@link #viaProxy()} is true the request was not
 * retried direct: a proxied request never falls back to going direct.
 */
public sealed class EgressException extends IOException permits Exchange.ClosedBeforeAnswer {

    private final EgressFailure kind;
    private final boolean viaProxy;
    private final boolean proxyUnusable;

    public EgressException(EgressFailure kind, boolean viaProxy, String message) {
        this(kind, viaProxy, message, null);
    }

    public EgressException(EgressFailure kind, boolean viaProxy, String message, Throwable cause) {
        this(kind, viaProxy, false, message, cause);
    }

    EgressException(EgressFailure kind, boolean viaProxy, boolean proxyUnusable, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.viaProxy = viaProxy;
        this.proxyUnusable = proxyUnusable;
    }

    /** Why it failed, in the application's vocabulary (the dry run reports the same kinds). */
    public EgressFailure kind() {
        return kind;
    }

    /** True when the failing request was routed through the proxy. */
    public boolean viaProxy() {
        return viaProxy;
    }

    /**
     * True when the proxy itself could not be used — the connection to it was refused or timed
     * out, TLS to it failed, it answered the CONNECT with 5xx, or the SOCKS handshake broke — so
     * the request never reached the target and the next proxy of the list may carry it. False for
     * a proxy that refused the credentials or the target, and for everything after the proxy.
     */
    public boolean proxyUnusable() {
        return proxyUnusable;
    }
}
