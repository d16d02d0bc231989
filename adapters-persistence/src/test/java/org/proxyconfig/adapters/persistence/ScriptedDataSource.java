package org.proxyconfig.adapters.persistence;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fake DataSource for unit tests of {@link Transactions}: each connection it hands out records
 * what was done with it (commit, rollback, close), and a commit fails when the test queued a
 * failure for it. A statement answers as the head row would: one row, revision 0.
 */
final class ScriptedDataSource implements DataSource {

    /** What one handed-out connection went through. */
    static final class Record {
        boolean committed;
        boolean rolledBack;
        boolean closed;
        boolean autoCommit = true;
        /** The isolations set on it, in order. */
        final List<Integer> isolationsSet = new ArrayList<>();
    }

    final List<Record> connections = new ArrayList<>();
    /** Failures of the next commits, in order; a null entry lets that commit succeed. */
    final Deque<SQLException> commitFailures = new ArrayDeque<>();

    @Override
    public Connection getConnection() {
        Record record = new Record();
        connections.add(record);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "commit" -> {
                        SQLException failure = commitFailures.poll();
                        if (failure != null) throw failure;
                        record.committed = true;
                        yield null;
                    }
                    case "rollback" -> {
                        record.rolledBack = true;
                        yield null;
                    }
                    case "close" -> {
                        record.closed = true;
                        yield null;
                    }
                    case "prepareStatement" -> headRowStatement();
                    case "setAutoCommit" -> {
                        record.autoCommit = (boolean) args[0];
                        yield null;
                    }
                    case "setTransactionIsolation" -> {
                        record.isolationsSet.add((int) args[0]);
                        yield null;
                    }
                    case "isClosed" -> record.closed;
                    case "toString" -> "scripted connection " + connections.indexOf(record);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private PreparedStatement headRowStatement() {
        boolean[] read = {false};
        ResultSet rs = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> {
                        boolean first = !read[0];
                        read[0] = true;
                        yield first;
                    }
                    case "getLong" -> 0L;
                    default -> null;
                });
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "executeQuery" -> rs;
                    default -> null;
                });
    }

    @Override public Connection getConnection(String user, String password) { return getConnection(); }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() { return Logger.getGlobal(); }
    @Override public <T> T unwrap(Class<T> type) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> type) { return false; }
}
