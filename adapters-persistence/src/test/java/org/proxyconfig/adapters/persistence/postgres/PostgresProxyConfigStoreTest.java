package org.proxyconfig.adapters.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.persistence.Database;
import org.proxyconfig.adapters.persistence.DatabaseUnavailableException;
import org.proxyconfig.adapters.persistence.EncryptionKeyMismatchException;
import org.proxyconfig.adapters.persistence.JdbcGeneratedTokenStore;
import org.proxyconfig.adapters.persistence.JdbcProxyConfigStore;
import org.proxyconfig.adapters.persistence.OpenedDatabases;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.ProxyConfigStoreContract;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;

/**
 * The store contract on a real PostgreSQL (Debian's {@code postgresql}, a throwaway cluster under
 * {@code target/pg}), one fresh database per store, plus the key check, the generated-token race
 * and the schema on PostgreSQL. Several {@link Database}s on one database stand for several instances.
 */
class PostgresProxyConfigStoreTest extends ProxyConfigStoreContract {

    @RegisterExtension
    static final PostgresClusterExtension postgres = new PostgresClusterExtension("store-contract");

    @RegisterExtension
    final OpenedDatabases<String> databases = OpenedDatabases.at(PostgresCluster.USER, PostgresCluster.PASSWORD);

    private final EncryptionKey key = EncryptionKey.generate();

    @Override
    protected ProxyConfigStore emptyStore() {
        return openStore(newDatabase());
    }

    @Override
    protected ProxyConfigStore reopened(ProxyConfigStore store) {
        return databases.reopen(store);
    }

    private static String newDatabase() {
        return postgres.newDatabase("store");
    }

    private ProxyConfigStore openStore(String url) {
        return databases.openStore(url, key);
    }

    @Test
    void thePoolHandsOutConnectionsAtRepeatableReadEvenAfterAWrite() throws SQLException {
        Database database = databases.open(newDatabase());
        ProxyConfigStore store = JdbcProxyConfigStore.open(database, new AesGcmSecretCipher(key));
        store.write(log -> log.append(ProxyConfig.DEFAULTS, Instant.now(), "test"));

        // The connection the write used (HikariCP hands this thread its last one first), and the others.
        for (int i = 0; i < 3; i++) {
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("repeatable read");
            }
        }
    }

    @Test
    void runsTheSameMigrationsAsTheEmbeddedDatabase() throws SQLException {
        Database database = databases.open(newDatabase());
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) versions.add(rs.getString(1));
            assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6");
        }
        assertThat(database.location()).isEqualTo(postgres.cluster().url(database.location().substring(database.location().lastIndexOf('/') + 1)));
    }

    @Test
    void writersOnTwoInstancesOfOneDatabaseGetDistinctConsecutiveNumbers() throws Exception {
        String url = newDatabase();
        ProxyConfigStore first = openStore(url);
        ProxyConfigStore second = openStore(url);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Long>> writes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ProxyConfigStore store = i % 2 == 0 ? first : second;
                writes.add(() -> store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "w")).number());
            }
            List<Long> numbers = new ArrayList<>();
            for (Future<Long> f : pool.invokeAll(writes)) numbers.add(f.get());
            assertThat(numbers).doesNotHaveDuplicates().hasSize(60).allMatch(n -> n >= 1 && n <= 60);
            assertThat(first.read(RevisionLog::latest).orElseThrow().number()).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondInstanceWithAnotherKeyIsRefusedAndChangesNothing() {
        String url = newDatabase();
        ProxyConfigStore store = openStore(url);
        store.write(log -> log.append(fullConfig("kept.example", "pw-kept"), AT, "alice"));
        Database other = databases.open(url);

        assertThatThrownBy(() -> JdbcProxyConfigStore.open(other,
                new AesGcmSecretCipher(EncryptionKey.generate())))
                .isInstanceOf(EncryptionKeyMismatchException.class);
        assertThat(latest(openStore(url)).orElseThrow().config().password().reveal()).isEqualTo("pw-kept");
    }

    @Test
    void twoInstancesRecordingAGeneratedTokenAtOnceLetExactlyOneWin() throws Exception {
        String url = newDatabase();
        openStore(url); // migrated
        JdbcGeneratedTokenStore a = new JdbcGeneratedTokenStore(databases.open(url));
        JdbcGeneratedTokenStore b = new JdbcGeneratedTokenStore(databases.open(url));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> fa = pool.submit(() -> a.recordIfAbsent("hash-a", Instant.now()));
            Future<Boolean> fb = pool.submit(() -> b.recordIfAbsent("hash-b", Instant.now()));
            assertThat(List.of(fa.get(), fb.get())).containsExactlyInAnyOrder(true, false);
            String winner = fa.get() ? "hash-a" : "hash-b";
            assertThat(a.hash()).hasValue(winner);
            assertThat(b.hash()).hasValue(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWrongDatabasePasswordIsNamedWithoutThePassword() {
        assertThatThrownBy(() -> Database.open(postgres.cluster().url("postgres"), PostgresCluster.USER, "wrong-pg-password-77"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot open the database " + postgres.cluster().url("postgres"))
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("wrong-pg-password-77");
    }

    @Test
    void storesThePasswordSealedAndNeverInPlainText() throws SQLException {
        String url = newDatabase();
        ProxyConfigStore store = openStore(url);
        store.write(log -> log.append(fullConfig("sealed.example", "plain-pw-never-stored"), AT, "alice"));

        try (Connection c = databases.databaseOf(store).dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_sealed, username FROM proxy_config_revision")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("v1:").doesNotContain("plain-pw-never-stored");
            assertThat(rs.getString(2)).isEqualTo("gw-user");
        }
    }

    @Test
    void storesARoutePasswordSealedAndNeverInPlainText() throws SQLException {
        ProxyConfigStore store = openStore(newDatabase());
        store.write(log -> log.append(fullConfig("sealed.example", "pw"), fullRoutes("route-pw-never-stored"), AT, "alice"));

        try (Connection c = databases.databaseOf(store).dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_sealed, username FROM proxy_config_route WHERE via = 'proxy'")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("v1:").doesNotContain("route-pw-never-stored");
            assertThat(rs.getString(2)).isEqualTo("route-user");
        }
    }
}
