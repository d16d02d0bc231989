package org.proxyconfig.adapters.persistence;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;

/** How {@link Transactions} ends its use of a connection, without letting that end hide what the work did. */
final class ConnectionEnds {

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    private ConnectionEnds() {
    }

    /**
     * Once committed, the connection goes back to auto-commit, so that the pool gives it out again
     * as it is: a connection given back inside a transaction is rolled back, and on H2 a rollback
     * empties the connection's cache of parsed statements. Should this fail, the pool ends it.
     */
    static void backToAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "could not return a committed connection to auto-commit", e);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "closing a database connection failed", e);
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is gone: the database drops the uncommitted transaction by itself.
            LOG.log(Level.DEBUG, "rollback failed; the transaction is dropped with the connection", e);
        }
    }
}
