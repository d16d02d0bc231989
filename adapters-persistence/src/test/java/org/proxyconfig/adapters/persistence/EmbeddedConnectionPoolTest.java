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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aCallerWaitsForAFreeConnectionAndGetsItWhenOneIsGivenBack() throws Exception {
        Connection first = pool.getConnection();
        Connection second = pool.getConnection();
        CompletableFuture<Connection> third = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(pool.activeConnections()).isEqualTo(2);

        first.close();
        first.close(); // a second close gives nothing back twice

        try (Connection c = third.get(10, TimeUnit.SECONDS)) {
            assertThat(c.isValid(1)).isTrue();
            assertThat(pool.activeConnections()).isEqualTo(2);
        }
        second.close();
        assertThat(pool.activeConnections()).isZero();
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
