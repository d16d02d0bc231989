package org.proxyconfig.application;

import java.util.List;
import java.util.Objects;
import org.proxyconfig.domain.EgressFailure;

/**
 * What happened when a dry run really requested its target: what the prober (an out-port) sees
 * and what the dry run (an in-port) answers, one type for both, so nothing is translated on the way.
 */
public sealed interface ProbeResult {

    /** How long the attempt took, from the first connect to the response or the failure. */
    long latencyMillis();

    /**
     * The target answered (any status: a 404 from the target still proves the path works).
     *
     * @param proxyUsed  the URL of the proxy that carried the probe, "" when it went direct
     * @param passedOver the proxies of the list tried before it, which could not be used
     */
    record Reached(int status, long latencyMillis, String proxyUsed, List<PassedOver> passedOver) implements ProbeResult {
        public Reached {
            Objects.requireNonNull(proxyUsed, "proxyUsed");
            passedOver = List.copyOf(passedOver);
        }

        /** Reached directly, or through the first proxy of the list. */
        public Reached(int status, long latencyMillis) {
            this(status, latencyMillis, "", List.of());
        }
    }

    /**
     * A proxy of the list that could not be used, so the next one was tried: the proxies a live
     * request would have set aside.
     *
     * @param proxy   its URL, never credentials
     * @param message sanitized by the prober, as {@link Failed#message()}
     */
    record PassedOver(String proxy, EgressFailure failure, String message) {
        public PassedOver {
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
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
