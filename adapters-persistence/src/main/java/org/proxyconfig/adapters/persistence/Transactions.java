package org.proxyconfig.adapters.persistence;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;

/**
 * Units of work on the database: each one an explicit JDBC transaction on a pooled connection
 * (autocommit off, the isolation asked for, commit when the work returns, roll back when it
 * throws), which rides through a lost connection (docs/decisions/0009-riding-through-the-database.md).
 *
 * <ul>
 *   <li>A unit whose connection is lost <em>before</em> its commit (SQL state class 08, 57P01–57P03
 *       and H2's equivalents: {@link SqlFailures}) changed nothing, so it runs again on a fresh
 *       connection, as the {@link RetryPolicy} allows; the pool's idle connections are evicted
 *       first, since a server that dropped one has usually dropped them all.
 *   <li>A write whose connection is lost <em>during</em> its commit may or may not have landed. It
 *       is never blindly run again: a {@link CheckedWrite} is asked, on a fresh connection that
 *       holds the write lock (so the lost transaction has ended one way or the other), whether it
 *       landed; then the unit either returns what it computed or runs again. A plain write whose
 *       commit was lost is reported as unavailable, saying that its outcome is unknown.
 *   <li>A write returns only once its commit is durable ({@link CommitSync}).
 * </ul>
 *
 * The work's own exceptions (domain rejections included) pass through untouched. A failing
 * database becomes a {@link StoreUnavailableException} (503: it cannot be reached or is busy) or a
 * {@link StoreFaultException} (500: it refuses the statement), whose message names what was being
 * done and the SQL state, never a value; the driver's words stay in the cause, for the log (the
 * plain password is never sent to the database, so no driver message can hold it).
 */
final class Transactions {

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    /** Work inside a transaction; may throw SQLException (or a {@link SqlFailure} that carries one). */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One attempt of a write that can tell, after a commit whose outcome is unknown, whether it landed. */
    interface CheckedWrite<T> extends Work<T> {
        /**
         * Whether this attempt's commit landed, asked in a write transaction on a fresh connection;
         * only called after {@link #run} returned. It must take the write lock first, so that the
         * lost transaction has ended, one way or the other, before it looks.
         */
        boolean landed(Connection connection) throws SQLException;

        /**
         * Told that this attempt's commit landed, before the next writer may start and before the
         * sync: what it appended is now what the next writer finds under the lock.
         */
        default void committed() {
        }
    }

    /**
     * The isolation this project's pools hand connections out at, {@link #read}'s: a read then sets
     * none, which on PostgreSQL saves a round trip to set it and, when the pool puts it back, one to
     * reset it; a GET's read is then one statement and its commit. A write sets READ COMMITTED, and
     * the pool puts the connection back at this level when it is given back.
     */
    static final int POOLED_ISOLATION = Connection.TRANSACTION_REPEATABLE_READ;

    private final DataSource dataSource;
    private final boolean handsOutPooledIsolation;
    private final RetryPolicy retryPolicy;
    private final Runnable evictIdleConnections;
    private final CommitSync commitSync;
    /**
     * This instance's writers queue here, first come first served, rather than each holding a pooled
     * connection while it waits for the head row lock (writes are serialized by that lock anyway;
     * waiting for a free connection in H2's pool is a sleep-and-poll loop). Released at the commit,
     * before the sync, so the next writer works while the sync runs (group commit).
     */
    private final ReentrantLock writers = new ReentrantLock(true);

    Transactions(DataSource dataSource, RetryPolicy retryPolicy, Runnable evictIdleConnections, CommitSync commitSync) {
        this(dataSource, false, retryPolicy, evictIdleConnections, commitSync);
    }

    /**
     * On one of this project's pools, which hand every connection out at {@link #POOLED_ISOLATION}
     * ({@code handsOutPooledIsolation}); any other data source gets the isolation set on every unit.
     */
    Transactions(DataSource dataSource, boolean handsOutPooledIsolation, RetryPolicy retryPolicy,
                 Runnable evictIdleConnections, CommitSync commitSync) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.handsOutPooledIsolation = handsOutPooledIsolation;
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.evictIdleConnections = Objects.requireNonNull(evictIdleConnections, "evictIdleConnections");
        this.commitSync = Objects.requireNonNull(commitSync, "commitSync");
    }

    /** On a plain DataSource: the default retries, no pool to evict, the database's own durability. */
    static Transactions on(DataSource dataSource) {
        return new Transactions(dataSource, RetryPolicy.DEFAULT, () -> { }, CommitSync.NONE);
    }

    /**
     * Read-only work on one consistent snapshot (REPEATABLE READ). Retried when its connection is
     * lost before the commit; a commit that fails changes nothing for it: what it read was whole.
     */
    <T> T read(String action, Work<T> work) {
        return run(action, Connection.TRANSACTION_REPEATABLE_READ, false, () -> work);
    }

    /**
     * Work that writes, at READ COMMITTED (once a writer holds the lock it must see what the previous
     * one committed). Retried when its connection is lost before the commit.
     */
    <T> T write(String action, Work<T> work) {
        return run(action, Connection.TRANSACTION_READ_COMMITTED, true, () -> work);
    }

    /** As {@link #write(String, Work)}, and a commit whose outcome is unknown is resolved: see the class. */
    <T> T write(String action, Supplier<? extends CheckedWrite<T>> attempts) {
        return run(action, Connection.TRANSACTION_READ_COMMITTED, true, attempts);
    }

    private <T> T run(String action, int isolation, boolean writes, Supplier<? extends Work<T>> attempts) {
        long start = System.nanoTime();
        for (int retry = 1; ; retry++) {
            try {
                return attempt(action, isolation, writes, attempts.get());
            } catch (ConnectionLost lost) {
                evictIdleConnections.run();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (!retryPolicy.allows(retry, elapsed)) {
                    throw SqlFailures.toStoreException(lost.getMessage() + " (tried " + retry + " time(s) in "
                            + elapsed.toMillis() + " ms)", lost.sqlException());
                }
                LOG.log(Level.DEBUG, () -> "retrying: " + lost.getMessage() + " (SQL state " + lost.sqlException().getSQLState() + ")");
                pause(retryPolicy.backoff(retry), action, lost);
            }
        }
    }

    private <T> T attempt(String action, int isolation, boolean writes, Work<T> work) throws ConnectionLost {
        if (writes) writers.lock();
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            if (writes) writers.unlock();
            throw failed("cannot get a database connection to " + action, e);
        } catch (IllegalStateException e) {
            if (writes) writers.unlock();
            // The embedded pool after dispose(): the service is shutting down, the store is no longer there.
            throw new StoreUnavailableException("cannot " + action + ": the database was closed", e);
        }
        try {
            T result;
            try {
                result = runAndCommit(action, isolation, writes, work, connection);
            } finally {
                if (writes) writers.unlock();
            }
            if (writes) durable(action, connection);
            return result;
        } finally {
            ConnectionEnds.closeQuietly(connection); // after a commit, a failing close must not report the change as lost
        }
    }

    private <T> T runAndCommit(String action, int isolation, boolean writes, Work<T> work, Connection connection)
            throws ConnectionLost {
        T result;
        try {
            connection.setAutoCommit(false);
            if (!handsOutPooledIsolation || isolation != POOLED_ISOLATION) connection.setTransactionIsolation(isolation);
            result = work.run(connection);
        } catch (SQLException e) {
            ConnectionEnds.rollbackQuietly(connection);
            throw failed("cannot " + action, e);
        } catch (SqlFailure e) {
            ConnectionEnds.rollbackQuietly(connection);
            throw failed(e.what(), e.sqlException());
        } catch (RuntimeException | Error e) {
            ConnectionEnds.rollbackQuietly(connection);
            throw e;
        }
        try {
            connection.commit();
            ConnectionEnds.backToAutoCommit(connection);
            if (work instanceof CheckedWrite<T> checked) checked.committed();
            return result;
        } catch (SQLException e) {
            if (!writes) return result; // a read changed nothing, and what it read was one snapshot
            if (SqlFailures.classify(e) != SqlFailures.Kind.CONNECTION_LOST) {
                ConnectionEnds.rollbackQuietly(connection);
                throw SqlFailures.toStoreException("cannot commit: " + action, e); // refused: nothing committed
            }
            if (!(work instanceof CheckedWrite<T> checked)) {
                throw new StoreUnavailableException("cannot " + action + ": the connection was lost during the commit,"
                        + " so whether it took effect is unknown (SQL state " + e.getSQLState() + ")", e);
            }
            if (landed(action, checked)) {
                checked.committed();
                LOG.log(Level.INFO, "the connection was lost during the commit to " + action
                        + ", and the commit had landed (SQL state " + e.getSQLState() + ")");
                return result;
            }
            throw new ConnectionLost("cannot " + action + ": the connection was lost during the commit,"
                    + " which did not land", e);
        }
    }

    /** On a fresh connection, once the lost transaction has ended: did it land? */
    private boolean landed(String action, CheckedWrite<?> write) {
        return run("find out whether the commit to " + action + " landed", Connection.TRANSACTION_READ_COMMITTED, true,
                () -> write::landed);
    }

    private void durable(String action, Connection connection) {
        try {
            commitSync.awaitDurable(connection);
        } catch (SQLException e) {
            throw new StoreFaultException("committed, but could not sync to stable storage, to " + action + " (SQL state "
                    + e.getSQLState() + "): the change may be lost by a power failure; check the disk of the data"
                    + " directory", e);
        }
    }

    /** A lost connection is worth another attempt; anything else is reported at once. */
    private static ConnectionLost failed(String what, SQLException e) {
        if (SqlFailures.classify(e) == SqlFailures.Kind.CONNECTION_LOST) return new ConnectionLost(what, e);
        throw SqlFailures.toStoreException(what, e);
    }

    private static void pause(Duration backoff, String action, ConnectionLost lost) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry: " + lost.getMessage()
                    + " (" + action + ")", lost.sqlException());
        }
    }
}
