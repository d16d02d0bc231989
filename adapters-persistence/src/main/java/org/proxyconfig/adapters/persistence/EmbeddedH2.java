package org.proxyconfig.adapters.persistence;

import java.nio.file.Path;
import org.proxyconfig.application.port.out.ChangeNotifications;

/**
 * The embedded H2 file database: only this process uses its file, so there are no connections to
 * lose to a server and nothing to evict; what it needs is a file sync after each commit, shared by
 * the writers that commit together ({@link GroupCommitSync}).
 */
final class EmbeddedH2 {

    /** The H2 database file is {@code <dataDir>/proxy-config.mv.db}. */
    static final String DATABASE_NAME = "proxy-config";

    private static final int MAX_CONNECTIONS = 10;
    private static final int CONNECTION_WAIT_SECONDS = 30;

    private EmbeddedH2() {
    }

    /**
     * The URL of the file database in {@code dataDir}, whose settings are chosen for a small,
     * rarely written, must-not-lose store:
     * <ul>
     *   <li>{@code WRITE_DELAY=500} (H2's default, written out because durability rests on it being
     *       above 0): a commit stays in memory, and the file is written and synced to the device by
     *       the sync every write waits for before it is acknowledged ({@link GroupCommitSync}), one
     *       write of the file and one {@code fsync} for all the writers that committed meanwhile; at
     *       {@code WRITE_DELAY=0} each commit would write the file itself, under the write lock;
     *   <li>{@code CACHE_SIZE=1024}: a 1 MiB page cache, which holds this store's working set (the
     *       newest pages of the revision table and the head), instead of H2's 64 MiB: cached pages
     *       live in the old generation and are rewritten at every commit, and each young collection
     *       must scan them; with 64 MiB, and still with 8 MiB, they made the collections long
     *       enough to show in the PUT tail (docs/PERFORMANCE.md);
     *   <li>{@code QUERY_CACHE_SIZE=32}: each connection keeps the parsed form of every statement the
     *       store uses (about a dozen), where H2's 8 made a write parse most of its statements again;
     *   <li>{@code LOCK_TIMEOUT=10000}: a writer waits up to 10 s for the head lock instead of H2's 1 s,
     *       so a burst of concurrent writes queues rather than fails;
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook does not close the database under
     *       requests still running; {@link Database#close()} does, after the server stopped;
     *   <li>no {@code AUTO_SERVER}: no TCP port is opened and a second process cannot open the file
     *       (H2's file lock refuses it with a clear error).
     * </ul>
     */
    static String url(Path dataDir) {
        String path = dataDir.toAbsolutePath().resolve(DATABASE_NAME).toString();
        if (path.contains(";")) {
            throw new IllegalArgumentException("the data directory may not contain ';' (H2 reads it as a setting): " + dataDir);
        }
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=500;CACHE_SIZE=1024;QUERY_CACHE_SIZE=32;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    }

    static Database open(String jdbcUrl, String user, String password, String location) {
        EmbeddedConnectionPool pool = new EmbeddedConnectionPool(jdbcUrl, user, password, MAX_CONNECTIONS,
                CONNECTION_WAIT_SECONDS);
        Transactions transactions = new Transactions(pool, true, RetryPolicy.DEFAULT, () -> { },
                new GroupCommitSync(GroupCommitSync.H2_CHECKPOINT_SYNC));
        return new Database(pool, transactions, location, pool::dispose, pool::activeConnections,
                ChangeNotifications.NONE);
    }
}
