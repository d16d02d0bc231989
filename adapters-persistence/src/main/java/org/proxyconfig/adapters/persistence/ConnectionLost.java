package org.proxyconfig.adapters.persistence;

import java.sql.SQLException;

/** A lost connection ({@link SqlFailures.Kind#CONNECTION_LOST}): the attempt changed nothing, and another may succeed. */
final class ConnectionLost extends Exception {

    ConnectionLost(String what, SQLException cause) {
        super(what, cause, false, false);
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }
}
