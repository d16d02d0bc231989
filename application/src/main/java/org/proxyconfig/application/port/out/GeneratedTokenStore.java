package org.proxyconfig.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the hash of the generated admin token is kept: one at most per store, so every instance
 * on a shared database accepts the same token (docs/decisions/0006-api-security.md). Instances
 * starting at once on one store each try to record theirs; exactly one wins, and each learns
 * whether it did.
 *
 * @throws org.proxyconfig.application.StoreUnavailableException when the store cannot be reached
 */
public interface GeneratedTokenStore {

    /** The recorded hash, or empty when no token was ever generated. */
    Optional<String> hash();

    /**
     * Records {@code hash} unless a hash is already recorded.
     *
     * @return true when this call recorded it; false when another start got there first
     */
    boolean recordIfAbsent(String hash, Instant at);
}
