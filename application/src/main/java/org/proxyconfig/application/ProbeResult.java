package org.proxyconfig.application;

import java.util.Objects;
import org.proxyconfig.domain.EgressFailure;

/**
 * What happened when a dry run really requested its target: what the prober (an out-port) sees
 * and what the dry run (an in-port) answers, one type for both, so nothing is translated on the way.
 */
public sealed interface ProbeResult {

    /** How long the attempt took, from the first connect to the response or the failure. */
    long latencyMillis();

    /** The target answered (any status: a 404 from the target still proves the path works). */
    record Reached(int status, long latencyMillis) implements ProbeResult {
    }

    /**
     * The request failed before the target answered.
     *
     * @param message sanitized by the prober: never a password or a {@code Proxy-Authorization} value
     */
    record Failed(EgressFailure failure, String message, long latencyMillis) implements ProbeResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }
}
