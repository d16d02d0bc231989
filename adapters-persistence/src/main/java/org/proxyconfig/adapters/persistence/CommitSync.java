package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What makes a committed write durable before it is acknowledged. PostgreSQL's commit already is
 * (with {@code synchronous_commit} on, its default: docs/deployment.md); the embedded H2 database
 * writes a commit to the file but leaves it in the operating system's cache, so it needs a sync
 * ({@link GroupCommitSync}).
 */
interface CommitSync {

    /** The database's own commit is durable: nothing to add. */
    CommitSync NONE = connection -> { };

    /**
     * Returns once everything committed on {@code connection} before the call is on stable storage.
     *
     * @param connection the connection that just committed, still open; may be used to sync
     */
    void awaitDurable(Connection connection) throws SQLException;
}
