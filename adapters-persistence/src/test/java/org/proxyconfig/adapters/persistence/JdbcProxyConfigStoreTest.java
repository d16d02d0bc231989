package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.Latches;
import org.proxyconfig.application.ProxyConfigStoreContract;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/** The store contract on a real H2 file database, plus what only a real database can get wrong. */
class JdbcProxyConfigStoreTest extends ProxyConfigStoreContract {

    @TempDir
    Path temp;

    @RegisterExtension
    final OpenedDatabases<Path> databases = OpenedDatabases.embedded();

    private final EncryptionKey key = EncryptionKey.generate();
    private int stores;

    @Override
    protected ProxyConfigStore emptyStore() {
        return databases.openStore(temp.resolve("data-" + ++stores), key);
    }

    @Override
    protected ProxyConfigStore reopened(ProxyConfigStore store) {
        return databases.reopen(store);
    }

    /** A store whose connections the test can cut, holding revision 1 ("kept.example"). */
    private record Cuttable(ProxyConfigStore store, LastConnection last) {
        void cutTheConnection() {
            closeQuietly(last.connection.get());
        }
    }

    private Cuttable cuttableStoreWithOneRevision(String name) {
        LastConnection last = new LastConnection(databases.open(temp.resolve(name)).dataSource());
        ProxyConfigStore store = new JdbcProxyConfigStore(Transactions.on(last), new AesGcmSecretCipher(key));
        store.write(log -> log.append(fullConfig("kept.example", "pw-kept"), AT, "alice"));
        return new Cuttable(store, last);
    }

    @Test
    void aWriteWhoseConnectionIsLostBeforeTheCommitRunsAgainOnAFreshConnectionAndLandsOnce() {
        Cuttable cuttable = cuttableStoreWithOneRevision("lost-once");
        ProxyConfigStore store = cuttable.store();
        AtomicInteger attempts = new AtomicInteger();

        Revision written = store.write(log -> {
            Revision r = log.append(fullConfig("retried.example", "pw-retried"), AT, "bob");
            if (attempts.incrementAndGet() == 1) cuttable.cutTheConnection(); // lost before the commit
            return r;
        });

        assertThat(attempts).hasValue(2);
        assertThat(written.number()).isEqualTo(2);
        List<Revision> history = store.read(log -> log.newestFirst(Long.MAX_VALUE, 10));
        assertThat(history).extracting(Revision::number).containsExactly(2L, 1L);
        assertThat(store.read(RevisionLog::latest).orElseThrow().config().url()).contains("retried.example");
    }

    @Test
    void aWriteWhoseConnectionIsLostAtEveryAttemptKeepsThePreviousRevision() {
        Cuttable cuttable = cuttableStoreWithOneRevision("lost");
        ProxyConfigStore store = cuttable.store();

        assertThatThrownBy(() -> store.write(log -> {
            log.append(fullConfig("lost.example", "pw-lost"), AT, "mallory");
            cuttable.cutTheConnection();
            return null;
        })).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("write the proxy configuration")
                .hasMessageContaining("tried 3 time(s)")
                .hasMessageNotContaining("pw-lost");

        Revision latest = store.read(RevisionLog::latest).orElseThrow();
        assertThat(latest.number()).isEqualTo(1);
        assertThat(latest.config().url()).contains("kept.example");
        assertThat(store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "bob")).number()).isEqualTo(2);
    }

    @Test
    void aDatabaseKilledInTheMiddleOfAWriteLosesTheTornTransactionAndTheWriteIsAppliedOnce() {
        Path dir = temp.resolve("killed");
        Database database = databases.open(dir);
        ProxyConfigStore store = JdbcProxyConfigStore.open(database, new AesGcmSecretCipher(key));
        ProxyConfig kept = fullConfig("kept.example", "pw-kept");
        store.write(log -> log.append(kept, AT, "alice"));
        AtomicInteger attempts = new AtomicInteger();

        store.write(log -> {
            log.append(fullConfig("written.example", "pw-written"), AT, "bob");
            if (attempts.incrementAndGet() == 1) {
                // Like kill -9: the database stops without writing anything more, the transaction open.
                try (Connection other = database.dataSource().getConnection(); Statement s = other.createStatement()) {
                    s.execute("SHUTDOWN IMMEDIATELY");
                } catch (SQLException expected) {
                    // the shutdown may cut its own connection
                }
            }
            return null;
        });
        database.close();

        ProxyConfigStore again = databases.openStore(dir, key);
        assertThat(attempts).hasValue(2);
        List<Revision> history = again.read(log -> log.newestFirst(Long.MAX_VALUE, 10));
        assertThat(history).extracting(Revision::number).containsExactly(2L, 1L);
        assertThat(again.read(log -> log.find(1)).orElseThrow().config()).isEqualTo(kept);
        assertThat(again.read(RevisionLog::latest).orElseThrow().config().url()).contains("written.example");
    }

    /**
     * H2 keeps a commit in memory for up to WRITE_DELAY (500 ms); an acknowledged write must not
     * wait for that. A copy of the data file taken right after the write returns, while the
     * database is still open, already holds it (the sync that makes it durable wrote it).
     */
    @Test
    void anAcknowledgedWriteIsInTheDataFileAtOnceNotOnlyInH2sMemory() throws Exception {
        Path dir = temp.resolve("written");
        ProxyConfigStore store = databases.openStore(dir, key);
        ProxyConfig written = fullConfig("written.example", "pw-written");

        store.write(log -> log.append(written, AT, "alice"));
        Path copy = Files.createDirectories(temp.resolve("copy"));
        Files.copy(dir.resolve("proxy-config.mv.db"), copy.resolve("proxy-config.mv.db"));

        ProxyConfigStore fromCopy = databases.openStore(copy, key);
        assertThat(fromCopy.read(RevisionLog::latest).map(Revision::config)).contains(written);
    }

    /**
     * Group commit lets the next writer take the lock while the previous one waits for its sync:
     * it must find the revision just committed in memory, not read, decrypt and validate it again.
     */
    @Test
    void theNextWriterFindsTheRevisionJustCommittedInMemoryWhileItsSyncIsStillPending() throws Exception {
        LastConnection statements = new LastConnection(databases.open(temp.resolve("in-memory")).dataSource());
        CountDownLatch inSync = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean holdTheNextSync = new AtomicBoolean();
        Transactions transactions = new Transactions(statements, RetryPolicy.DEFAULT, () -> { }, connection -> {
            if (holdTheNextSync.getAndSet(false)) {
                inSync.countDown();
                Latches.await("the test released the sync", release);
            }
        });
        ProxyConfigStore store = new JdbcProxyConfigStore(transactions, new AesGcmSecretCipher(key));
        holdTheNextSync.set(true);
        Thread first = Thread.ofVirtual().start(() -> store.write(log -> log.append(fullConfig("first.example", "pw-1"), AT, "alice")));
        Latches.await("the first writer is in its sync", inSync);

        Optional<Revision> seenByTheNextWriter = store.write(RevisionLog::latest);
        release.countDown();
        first.join();

        assertThat(seenByTheNextWriter.map(Revision::number)).contains(1L);
        assertThat(statements.prepared).noneMatch(sql -> sql.startsWith("SELECT") && sql.contains("FROM proxy_config_revision"));
    }

    @Test
    void aDomainRejectionThrownByTheWorkPassesThroughUntouched() {
        ProxyConfigStore store = emptyStore();
        InvalidFieldException rejection = new InvalidFieldException("url", "invalid_proxy_url", "is wrong");

        assertThatThrownBy(() -> store.write(log -> {
            log.append(ProxyConfig.DEFAULTS, AT, "alice");
            throw rejection;
        })).isSameAs(rejection);
        assertThat(store.read(RevisionLog::latest)).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsReportedAsStoreUnavailable() {
        FailingDataSource dataSource = new FailingDataSource(databases.open(temp.resolve("unreachable")).dataSource());
        ProxyConfigStore store = new JdbcProxyConfigStore(Transactions.on(dataSource), new AesGcmSecretCipher(key));
        dataSource.failing = true;

        assertThatThrownBy(() -> store.read(RevisionLog::latest))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot get a database connection")
                .hasMessageContaining("08001");
        assertThatThrownBy(() -> store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "alice")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aClosedDatabaseIsReportedAsStoreUnavailable() {
        ProxyConfigStore store = emptyStore();
        databases.databaseOf(store).close();

        assertThatThrownBy(() -> store.read(RevisionLog::latest))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("the database was closed");
    }

    @Test
    void aReadCannotAppend() {
        ProxyConfigStore store = emptyStore();

        assertThatThrownBy(() -> store.read(log -> log.append(ProxyConfig.DEFAULTS, AT, "alice")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.read(RevisionLog::latest)).isEmpty();
    }

    @Test
    void theLogCannotBeUsedAfterItsTransactionEnded() {
        ProxyConfigStore store = emptyStore();
        RevisionLog escaped = store.write(log -> log);

        assertThatThrownBy(() -> escaped.append(ProxyConfig.DEFAULTS, AT, "alice"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(escaped::latest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsTheTimeToTheMicrosecondAndReturnsWhatALaterReadGives() {
        ProxyConfigStore store = emptyStore();
        Revision appended = store.write(log -> log.append(ProxyConfig.DEFAULTS, AT.plusNanos(456_789), "alice"));

        assertThat(appended.at()).isEqualTo(AT.plusNanos(456_000));
        assertThat(store.read(RevisionLog::latest)).contains(appended);
    }

    @Test
    void storesThePasswordSealedAndNeverInPlainText() throws SQLException {
        ProxyConfigStore store = emptyStore();
        store.write(log -> log.append(fullConfig("proxy.corp.example", "Plain-Pa55word"), AT, "alice"));
        store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "bob"));

        List<String> sealed = new ArrayList<>();
        try (Connection c = databases.databaseOf(store).dataSource().getConnection();
             var rs = c.createStatement().executeQuery(
                     "SELECT password_sealed FROM proxy_config_revision ORDER BY revision")) {
            while (rs.next()) sealed.add(rs.getString(1));
        }
        assertThat(sealed).hasSize(2);
        assertThat(sealed.get(0)).startsWith("v1:").doesNotContain("Plain-Pa55word");
        assertThat(sealed.get(1)).as("no password is stored as empty").isEmpty();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Hands out the pool's connections, remembers the last one, so a test can cut it under the
     * store, and records the SQL of every statement prepared on them.
     */
    private static final class LastConnection extends Delegating {
        final AtomicReference<Connection> connection = new AtomicReference<>();
        final List<String> prepared = new CopyOnWriteArrayList<>();

        LastConnection(DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = super.getConnection();
            connection.set(c);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) prepared.add((String) args[0]);
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** Works until told to fail, then fails like a database that went away. */
    private static final class FailingDataSource extends Delegating {
        volatile boolean failing;

        FailingDataSource(DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (failing) throw new SQLException("Connection refused", "08001");
            return super.getConnection();
        }
    }

    private abstract static class Delegating implements DataSource {
        private final DataSource delegate;

        Delegating(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override public Connection getConnection() throws SQLException { return delegate.getConnection(); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return delegate.getConnection(u, p); }
        @Override public PrintWriter getLogWriter() throws SQLException { return delegate.getLogWriter(); }
        @Override public void setLogWriter(PrintWriter out) throws SQLException { delegate.setLogWriter(out); }
        @Override public void setLoginTimeout(int seconds) throws SQLException { delegate.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() throws SQLException { return delegate.getLoginTimeout(); }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> type) throws SQLException { return delegate.unwrap(type); }
        @Override public boolean isWrapperFor(Class<?> type) throws SQLException { return delegate.isWrapperFor(type); }
    }
}
