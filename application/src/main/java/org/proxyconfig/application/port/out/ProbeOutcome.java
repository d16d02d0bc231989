package org.proxyconfig.application.port.out;

import java.util.Objects;

/** What a {@link TargetProber} saw; messages are sanitized by the prober (no secrets). */
public sealed interface ProbeOutcome {

    long latencyMillis();

    record Reached(int status, long latencyMillis) implements ProbeOutcome {
    }

    record Failed(Kind kind, String message, long latencyMillis) implements ProbeOutcome {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The failure kinds a prober distinguishes. */
    enum Kind {
        PROXY_AUTH_REQUIRED, PROXY_REFUSED, SOCKS_AUTH_REJECTED, TLS_FAILURE, TIMEOUT,
        CONNECT_FAILED, UNKNOWN_HOST, UPSTREAM_ERROR
    }
}
