package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.application.Eventually;

/** The embedded database's pool: connections kept with their parsed statements, open transactions ended, waiting bounded. */
class EmbeddedConnectionPoolTest {

    private static final String INSERT = "INSERT INTO t (id) VALUES (?)";

    @TempDir
    Path temp;

    private EmbeddedConnectionPool pool;

    @BeforeEach
    void open() throws SQLException {
        pool = new EmbeddedConnectionPool(EmbeddedH2.url(temp), "sa", "", 2, 1);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    /** H2's parsed form of the statement: the same object when the session's statement cache answered. */
    private static Object parsed(PreparedStatement statement) throws Exception {
        Field command = JdbcPreparedStatement.class.getDeclaredField("command");
        command.setAccessible(true);
        return command.get(statement.unwrap(JdbcPreparedStatement.class));
    }

    /** One transaction as {@link Transactions} runs it: commit, then back to auto-commit. */
    private Object insertInATransaction(long id) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            Object parsed;
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                parsed = parsed(insert);
                insert.setLong(1, id);
                insert.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            return parsed;
        }
    }

    @Test
    void aCommittedConnectionComesBackWithTheStatementsItParsed() throws Exception {
        Object first = insertInATransaction(1);

        assertThat(insertInATransaction(2)).isSameAs(first);
    }

    @Test
    void aConnectionGivenBackInsideATransactionIsRolledBack() throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setLong(1, 7);
                insert.executeUpdate();
            }
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void everyConnectionIsHandedOutAtThePooledIsolationEvenAfterAWriteSetAnother() throws Exception {
        Connection first = pool.getConnection();
        Connection second = pool.getConnection();
        assertThat(first.getTransactionIsolation()).isEqualTo(Transactions.POOLED_ISOLATION);
        assertThat(second.getTransactionIsolation()).isEqualTo(Transactions.POOLED_ISOLATION);
        first.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        first.close();
        second.close();

        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(b.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        }
    }

    /**
     * A pool of its own with a long wait, so that a loaded machine cannot make the caller give up,
     * and the first connection is given back only once the third caller is seen waiting for a
     * permit: a pool that failed at once when none is free is caught, not raced.
     */
    @Test
    void aCallerWaitsForAFreeConnectionAndGetsItWhenOneIsGivenBack() throws Exception {
        EmbeddedConnectionPool longWait = new EmbeddedConnectionPool(EmbeddedH2.url(temp.resolve("long-wait")), "sa", "", 2, 30);
        try {
            Connection first = longWait.getConnection();
            Connection second = longWait.getConnection();
            CompletableFuture<Connection> third = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    third.complete(longWait.getConnection());
                } catch (Throwable e) {
                    third.completeExceptionally(e);
                }
            }, "third-caller");
            caller.setDaemon(true);
            caller.start();
            Eventually.until("the third caller waits for a free connection", Duration.ofSeconds(30), () -> {
                if (third.isDone()) throw new AssertionError("the third caller had an answer while no connection was free: " + third);
                return waitsOnTheSemaphore(caller);
            });
            assertThat(third).isNotDone();
            assertThat(longWait.activeConnections()).isEqualTo(2);

            first.close();
            first.close(); // a second close gives nothing back twice

            try (Connection c = third.get(10, TimeUnit.SECONDS)) {
                assertThat(c.isValid(1)).isTrue();
                assertThat(longWait.activeConnections()).isEqualTo(2);
            }
            second.close();
            assertThat(longWait.activeConnections()).isZero();
        } finally {
            longWait.dispose();
        }
    }

    /** Parked inside the pool's permit wait: waiting, with a {@link java.util.concurrent.Semaphore} frame on its stack. */
    private static boolean waitsOnTheSemaphore(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.TIMED_WAITING && state != Thread.State.WAITING) return false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith("java.util.concurrent.Semaphore")) return true;
        }
        return false;
    }

    @Test
    void noFreeConnectionWithinTheWaitIsAConnectionClassFailure() throws Exception {
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            assertThatThrownBy(pool::getConnection).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("08001"));
        }
    }

    @Test
    void aHandleGivenBackCannotBeUsedAndADisposedPoolLendsNothing() throws Exception {
        Connection c = pool.getConnection();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class);

        pool.dispose();
        assertThatThrownBy(pool::getConnection).isInstanceOf(IllegalStateException.class);
    }
}
