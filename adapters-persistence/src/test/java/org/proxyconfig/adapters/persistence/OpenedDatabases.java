package org.proxyconfig.adapters.persistence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.port.out.ProxyConfigStore;

/**
 * The databases a test opens and the stores on them, all closed after each test (register it
 * with {@code @RegisterExtension}). Each store is remembered with its database, its key and where
 * it lives, so that a test can reach its tables or reopen it as a restarted instance would.
 *
 * @param <L> where a database lives: a data directory (H2) or a JDBC URL (PostgreSQL)
 */
public final class OpenedDatabases<L> implements AfterEachCallback {

    private record Opened<L>(L location, Database database, EncryptionKey key) {
    }

    private final Function<L, Database> opener;
    private final List<Database> databases = new ArrayList<>();
    private final Map<ProxyConfigStore, Opened<L>> stores = new IdentityHashMap<>();

    private OpenedDatabases(Function<L, Database> opener) {
        this.opener = opener;
    }

    /** Embedded H2 file databases, each in its data directory. */
    public static OpenedDatabases<Path> embedded() {
        return new OpenedDatabases<>(Database::openDefault);
    }

    /** Databases at JDBC URLs, opened as {@code user}. */
    public static OpenedDatabases<String> at(String user, String password) {
        return new OpenedDatabases<>(url -> Database.open(url, user, password));
    }

    /** Opens (and migrates) the database at {@code location}. */
    public Database open(L location) {
        Database database = opener.apply(location);
        databases.add(database);
        return database;
    }

    /** A store on a newly opened database at {@code location}, its passwords sealed with {@code key}. */
    public JdbcProxyConfigStore openStore(L location, EncryptionKey key) {
        Database database = open(location);
        JdbcProxyConfigStore store = JdbcProxyConfigStore.open(database, new AesGcmSecretCipher(key));
        stores.put(store, new Opened<>(location, database, key));
        return store;
    }

    /** Closes the database of {@code store} and opens a store on the same location with the same key. */
    public JdbcProxyConfigStore reopen(ProxyConfigStore store) {
        Opened<L> opened = opened(store);
        opened.database().close();
        return openStore(opened.location(), opened.key());
    }

    /** The database that {@code store} was opened on. */
    public Database databaseOf(ProxyConfigStore store) {
        return opened(store).database();
    }

    private Opened<L> opened(ProxyConfigStore store) {
        Opened<L> opened = stores.get(store);
        if (opened == null) throw new IllegalArgumentException("not a store opened here: " + store);
        return opened;
    }

    /** Closes every database opened so far, as a stopped instance would. */
    public void closeAll() {
        databases.forEach(Database::close);
        databases.clear();
        stores.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
    }
}
