package org.proxyconfig.adapters.persistence;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The embedded database's connections, kept open and handed out again. H2's own pool rolls back
 * every connection given back to it, even one whose transaction was committed, and a rollback
 * empties the session's cache of parsed statements: every statement was parsed again on every
 * request (a fifth of a PUT's allocation, JFR; docs/PERFORMANCE.md §2). This pool rolls back only a
 * connection given back with its transaction still open ({@link Transactions} always ends it and
 * returns to auto-commit), so a connection keeps its parsed statements from one request to the next.
 * Callers wait for a free connection on a semaphore, not in a sleep-and-poll loop. Every connection
 * is handed out at {@link Transactions#POOLED_ISOLATION}, as {@link Transactions} expects of it.
 */
final class EmbeddedConnectionPool implements DataSource {

    private final JdbcDataSource physical = new JdbcDataSource();
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Semaphore free;
    private final int maxConnections;
    private final long waitSeconds;
    private final AtomicBoolean disposed = new AtomicBoolean();

    EmbeddedConnectionPool(String jdbcUrl, String user, String password, int maxConnections, long waitSeconds) {
        physical.setURL(jdbcUrl);
        physical.setUser(user);
        physical.setPassword(password);
        this.maxConnections = maxConnections;
        this.free = new Semaphore(maxConnections, true);
        this.waitSeconds = waitSeconds;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (disposed.get()) throw new IllegalStateException("the connection pool was disposed");
        try {
            if (!free.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection became free within " + waitSeconds + " s", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", "08001", e);
        }
        try {
            Connection connection = idle.pollFirst();
            return lent(connection != null ? connection : opened());
        } catch (SQLException | RuntimeException e) {
            free.release();
            throw e;
        }
    }

    private Connection opened() throws SQLException {
        Connection connection = physical.getConnection();
        connection.setTransactionIsolation(Transactions.POOLED_ISOLATION);
        return connection;
    }

    /** How many connections are lent out now. */
    int activeConnections() {
        return maxConnections - free.availablePermits();
    }

    /** Closes the idle connections; a connection given back later is closed then. */
    void dispose() {
        disposed.set(true);
        for (Connection c; (c = idle.pollFirst()) != null; ) ConnectionEnds.closeQuietly(c);
    }

    /** A handle whose close() gives the connection back, once; everything else goes to the connection. */
    private Connection lent(Connection connection) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        if (returned.compareAndSet(false, true)) giveBack(connection);
                        yield null;
                    }
                    case "isClosed" -> returned.get() || connection.isClosed();
                    case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : connection.unwrap((Class<?>) args[0]);
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "pooled " + connection;
                    default -> {
                        if (returned.get()) throw new SQLException("the connection was given back to the pool", "08003");
                        try {
                            yield method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private void giveBack(Connection connection) {
        try {
            if (connection.isClosed()) return;
            if (!connection.getAutoCommit()) {
                connection.rollback(); // a transaction left open: end it (this empties its statement cache)
                connection.setAutoCommit(true);
            }
            if (connection.getTransactionIsolation() != Transactions.POOLED_ISOLATION) {
                connection.setTransactionIsolation(Transactions.POOLED_ISOLATION); // a write set another
            }
            idle.addFirst(connection); // the most recently used first: its pages and statements are warm
            // Disposed meanwhile (before or after the add): dispose() may have emptied the idle list already.
            if (disposed.get() && idle.remove(connection)) ConnectionEnds.closeQuietly(connection);
        } catch (SQLException e) {
            ConnectionEnds.closeQuietly(connection);
        } finally {
            free.release();
        }
    }

    @Override public Connection getConnection(String user, String password) { throw new UnsupportedOperationException(); }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return (int) waitSeconds; }
    @Override public Logger getParentLogger() { return Logger.getLogger("org.proxyconfig.adapters.persistence"); }
    @Override public <T> T unwrap(Class<T> type) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> type) { return false; }
}
