package org.proxyconfig.adapters.persistence;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;

/**
 * What a failing SQL statement means for the caller, from its SQL state: the connection was lost
 * (worth a retry on a fresh one), the database is busy or short of resources (503, later may
 * work), or the database refuses what we asked (500: an operator must act).
 */
final class SqlFailures {

    /** The three meanings of a failure. */
    enum Kind {
        /** The connection, or the server behind it, is gone: a new connection may succeed at once. */
        CONNECTION_LOST,
        /** The server is there but cannot do it now (locks, resources, a cancelled statement). */
        BUSY,
        /** The server refuses it, and will refuse it again. */
        FAULT
    }

    /**
     * PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now (a backend terminated, a
     * server crash, a server starting or stopping), and H2's "object already closed" (a connection
     * closed under the work), "connection broken", "database is closed" and "database called at
     * shutdown" (H2's SQL state is its error code).
     */
    private static final Set<String> CONNECTION_LOST_STATES =
            Set.of("57P01", "57P02", "57P03", "90007", "90067", "90098", "90121");

    /**
     * Lock timeouts and deadlocks (SQL standard 40001 and 40P01, PostgreSQL 55P03, H2 HYT00 and
     * 50200), a cancelled statement (57014), PostgreSQL's class 53 (disk full, out of memory, too
     * many connections).
     */
    private static final Set<String> BUSY_STATES = Set.of("40001", "40P01", "55P03", "HYT00", "50200", "57014");

    private SqlFailures() {}

    static Kind classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || CONNECTION_LOST_STATES.contains(state))) return Kind.CONNECTION_LOST;
        if (state != null && (state.startsWith("53") || BUSY_STATES.contains(state))) return Kind.BUSY;
        // A pool that timed out waiting for a connection says so with a transient exception, often with no state.
        if (e instanceof SQLTransientException) return Kind.BUSY;
        return Kind.FAULT;
    }

    /**
     * The application's exception for {@code e}: unavailable (503) when the store cannot be reached
     * or is busy, a fault (500) when it refuses. The message names what was being done and the SQL
     * state, never a value: the driver's own words stay in the cause, for the log.
     */
    static RuntimeException toStoreException(String what, SQLException e) {
        String detail = " (SQL state " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
        return switch (classify(e)) {
            case CONNECTION_LOST, BUSY -> new StoreUnavailableException(what + detail, e);
            case FAULT -> new StoreFaultException(what + detail + ": the database refuses the statement, and will"
                    + " again; check that the schema is the one proxy-config migrated, that the database user may"
                    + " read and write it, and the database's own log", e);
        };
    }
}
