package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.domain.Secret;

/**
 * The admin token that opens the API when no credentials are configured: generated on the first
 * start against a store, shown once, and afterwards known only by its hash
 * (docs/decisions/0006-api-security.md).
 */
public interface GeneratedAdminTokenUseCase {

    /**
     * The store's generated admin token: the one recorded by an earlier start (or by another
     * instance starting at the same time), else a new one, recorded now.
     *
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    GeneratedAdminToken obtain();

    /**
     * @param sha256Hex the SHA-256 of the token's UTF-8 bytes in lower-case hex: all that is stored,
     *                  and what a presented token is checked against
     * @param newToken  the token itself, only for the start that generated and recorded it, so that
     *                  it is shown exactly once; empty on every other start
     */
    record GeneratedAdminToken(String sha256Hex, Optional<Secret> newToken) {
        public GeneratedAdminToken {
            Objects.requireNonNull(sha256Hex, "sha256Hex");
            Objects.requireNonNull(newToken, "newToken");
        }
    }
}
