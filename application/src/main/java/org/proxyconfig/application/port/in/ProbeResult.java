package org.proxyconfig.application.port.in;

import java.util.Objects;

/** What happened when a dry run really requested its target. */
public sealed interface ProbeResult {

    /** How long the attempt took, from the first connect to the response or the failure. */
    long latencyMillis();

    /** The target answered (any status: a 404 from the target still proves the path works). */
    record Reached(int status, long latencyMillis) implements ProbeResult {
    }

    /**
     * The request failed before the target answered.
     *
     * @param message sanitized: never a password or a {@code Proxy-Authorization} value
     */
    record Failed(Failure failure, String message, long latencyMillis) implements ProbeResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a probe failed, in the few kinds an operator can act on. */
    enum Failure {
        /** The proxy wants (other) credentials: 407, or a 401 answering a CONNECT. */
        PROXY_AUTH_REQUIRED,
        /** The proxy refused the tunnel or the SOCKS request (a non-2xx CONNECT, a SOCKS error reply). */
        PROXY_REFUSED,
        /** The SOCKS proxy rejected the username/password or offers no method we can use. */
        SOCKS_AUTH_REJECTED,
        /** The TLS handshake failed: an untrusted certificate, a name mismatch, a protocol error. */
        TLS_FAILURE,
        /** Connecting or the proxy handshake took longer than the configured timeout, or no answer came. */
        TIMEOUT,
        /** The proxy or the target could not be connected to. */
        CONNECT_FAILED,
        /** A host name did not resolve. */
        UNKNOWN_HOST,
        /** The peer broke the protocol or closed the connection early. */
        UPSTREAM_ERROR
    }
}
