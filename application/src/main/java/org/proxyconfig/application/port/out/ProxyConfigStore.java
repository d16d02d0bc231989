package org.proxyconfig.application.port.out;

import java.util.function.Function;

/**
 * Where revisions of the configuration are kept. Each call runs its work in one transaction:
 * a use case's read-check-write either commits whole or leaves the store as it was.
 *
 * @throws org.proxyconfig.application.StoreUnavailableException when the store cannot be reached
 */
public interface ProxyConfigStore {

    /** Runs read-only work on a consistent snapshot. */
    <T> T read(Function<RevisionLog, T> work);

    /**
     * Runs work that may append, holding the log's write lock from its first read to the commit,
     * so that two writers never both decide on the same latest revision. When the work throws,
     * nothing it appended is kept.
     */
    <T> T write(Function<RevisionLog, T> work);
}
