package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;

/** Whether this instance can reach its store, and which revision it has in force. */
public interface CheckHealthUseCase {

    HealthReport check();

    /**
     * @param degraded true when the store could not be reached at the last attempt: outbound traffic
     *                 still follows {@code revision} from memory, but changes cannot be made or seen
     * @param reason   why it is degraded (no secret in it); empty when healthy
     * @param revision the revision in force for outbound traffic on this instance (0: the defaults)
     */
    record HealthReport(boolean degraded, Optional<String> reason, long revision) {
        public HealthReport {
            Objects.requireNonNull(reason, "reason");
        }

        public static HealthReport ok(long revision) {
            return new HealthReport(false, Optional.empty(), revision);
        }

        public static HealthReport degraded(String reason, long revision) {
            return new HealthReport(true, Optional.of(reason), revision);
        }
    }
}
