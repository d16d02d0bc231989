package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.OptionalLong;
import org.proxyconfig.domain.Revision;

/** Make an earlier revision current again, as a new revision (docs/openapi.yaml, restore). */
public interface RestoreRevisionUseCase {

    /**
     * @throws org.proxyconfig.application.RevisionNotFoundException when there is no such revision
     * @throws org.proxyconfig.application.StaleRevisionException when {@code expectedRevision} is not current
     */
    Revision restore(RestoreRevisionCommand command);

    /**
     * @param revision         the number to restore
     * @param actor            who asks
     * @param expectedRevision the current revision the client saw ({@code If-Match}), if any
     */
    record RestoreRevisionCommand(long revision, String actor, OptionalLong expectedRevision) {
        public RestoreRevisionCommand {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(expectedRevision, "expectedRevision");
        }
    }
}
