package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.proxyconfig.application.StoreFaultException;

/**
 * The store's write lock: the single row of {@code proxy_config_head}, {@code FOR UPDATE}, held to
 * the end of the transaction. Every write takes it first, so writers on every instance queue and
 * never compute the same next revision number.
 */
final class HeadLock {

    private HeadLock() {
    }

    /** Takes the lock; returns the number of the latest revision (0 when none). */
    static long take(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT latest_revision FROM proxy_config_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new StoreFaultException("the head row of proxy_config_head is missing: the schema was altered"
                        + " by hand; restore the database from a backup", null);
            }
            return rs.getLong(1);
        }
    }
}
