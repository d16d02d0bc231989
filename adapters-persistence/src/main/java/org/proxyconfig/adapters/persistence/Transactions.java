package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.proxyconfig.application.StoreUnavailableException;

/**
 * One explicit JDBC transaction on a fresh connection from the pool: autocommit off, the isolation
 * asked for, commit when the work returns, roll back when it throws. The work's own exceptions
 * (domain rejections included) pass through untouched; a failing database becomes a
 * {@link StoreUnavailableException} whose message names what was being done and the SQL state,
 * never a value (the full driver message stays in the cause, for the log; the plain password is
 * never sent to the database, so no driver message can hold it).
 */
final class Transactions {

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    /** Work inside a transaction; may throw SQLException. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    static <T> T run(DataSource dataSource, int isolation, String action, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw unavailable("cannot get a database connection to " + action, e);
        } catch (IllegalStateException e) {
            // H2's pool after dispose(): the service is shutting down, the store is no longer there.
            throw new StoreUnavailableException("cannot " + action + ": the database was closed", e);
        }
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolation);
            boolean committed = false;
            try {
                T result = work.run(connection);
                connection.commit();
                committed = true;
                return result;
            } finally {
                if (!committed) rollbackQuietly(connection);
            }
        } catch (SQLException e) {
            throw unavailable("cannot " + action, e);
        } finally {
            closeQuietly(connection); // after a commit, a failing close must not report the change as lost
        }
    }

    /**
     * Takes the write lock: the single head row, FOR UPDATE, held to the end of the transaction.
     * Returns the number of the latest revision (0 when none).
     */
    static long lockHead(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT latest_revision FROM proxy_config_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the head row of proxy_config_head is missing: the schema was altered by hand", "55000");
            }
            return rs.getLong(1);
        }
    }

    static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(what + " (SQL state " + e.getSQLState() + ", error " + e.getErrorCode() + ")", e);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a database connection failed", e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is gone: the database drops the uncommitted transaction by itself.
            LOG.log(System.Logger.Level.DEBUG, "rollback failed; the transaction is dropped with the connection", e);
        }
    }
}
