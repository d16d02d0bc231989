package org.proxyconfig.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcConnectionPool;
import org.proxyconfig.application.port.out.ChangeNotifications;

/**
 * An open, migrated database: the DataSource the store runs on, and its clean shutdown.
 *
 * <p>By default an embedded H2 file database in the data directory (see {@link #defaultUrl(Path)}
 * for its settings) behind a small H2 connection pool; any other JDBC URL (PostgreSQL, the shared
 * store of several instances) gets a HikariCP pool. Opening runs the same Flyway migrations in
 * {@code classpath:db/migration} on both; re-opening an up-to-date database applies nothing.
 */
public final class Database implements AutoCloseable {

    /** The H2 database file is {@code <dataDir>/proxy-config.mv.db}. */
    public static final String DEFAULT_DATABASE_NAME = "proxy-config";
    /** The H2 user; an embedded file database only its owner can read needs no password of its own. */
    public static final String DEFAULT_USER = "proxy_config";

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final int MAX_CONNECTIONS = 10;
    private static final int CONNECTION_WAIT_SECONDS = 30;

    private static final int SERVER_CONNECTION_WAIT_MILLIS = 3_000;
    private static final java.util.regex.Pattern JDBC_URL = java.util.regex.Pattern.compile("jdbc:[^\\s\"']+");

    private final DataSource dataSource;
    private final Transactions transactions;
    private final String location;
    private final Runnable closer;
    private final IntSupplier activeConnections;
    private final ChangeNotifications notifications;
    private boolean closed;

    private Database(DataSource dataSource, Transactions transactions, String location, Runnable closer,
                     IntSupplier activeConnections, ChangeNotifications notifications) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.location = location;
        this.closer = closer;
        this.activeConnections = activeConnections;
        this.notifications = notifications;
    }

    /**
     * The embedded H2 file database in {@code dataDir}, whose settings are chosen for a small,
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
     *       requests still running; {@link #close()} does, after the server stopped;
     *   <li>no {@code AUTO_SERVER}: no TCP port is opened and a second process cannot open the file
     *       (H2's file lock refuses it with a clear error).
     * </ul>
     */
    public static String defaultUrl(Path dataDir) {
        String path = dataDir.toAbsolutePath().resolve(DEFAULT_DATABASE_NAME).toString();
        if (path.contains(";")) {
            throw new IllegalArgumentException("the data directory may not contain ';' (H2 reads it as a setting): " + dataDir);
        }
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=500;CACHE_SIZE=1024;QUERY_CACHE_SIZE=32;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Opens (creating it on first start, its directory owner-only) and migrates the default H2 file database. */
    public static Database openDefault(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dataDir);
                }
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot create the data directory " + dataDir.toAbsolutePath() + ": " + e, e);
        }
        return open(defaultUrl(dataDir), DEFAULT_USER, "");
    }

    /**
     * Opens and migrates the database at {@code jdbcUrl}.
     *
     * @throws DatabaseUnavailableException naming the location (never the password) when it cannot be
     *         opened or migrated
     */
    public static Database open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String location = location(jdbcUrl);
        Database database;
        try {
            database = jdbcUrl.startsWith("jdbc:h2:")
                    ? h2(jdbcUrl, user, password, location)
                    : pooled(jdbcUrl, user, password, location);
        } catch (RuntimeException e) {
            // HikariCP fails its first connection eagerly, with the driver's message.
            throw new DatabaseUnavailableException("cannot open the database " + location + ": "
                    + scrub(rootMessage(e), jdbcUrl, password), null);
        }
        try {
            try (Connection ignored = database.dataSource.getConnection()) {
                // Opening one connection makes "cannot reach / locked / bad credentials" fail here, by name.
            }
            MigrateResult result = Flyway.configure()
                    .dataSource(database.dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            // Flyway commits on the pool directly: a write through the database's own path syncs them.
            database.transactions.write("make the migrated schema durable", connection -> null);
            LOG.log(System.Logger.Level.INFO, "database " + location + ": schema version " + result.targetSchemaVersion
                    + ", " + result.migrationsExecuted + " migration(s) applied now");
            return database;
        } catch (SQLException | FlywayException e) {
            database.close();
            String what = e instanceof SQLException ? "cannot open the database " : "cannot migrate the database ";
            String detail = scrub(e.getMessage(), jdbcUrl, password);
            // A cause whose message quotes the URL or the password would print it with the stack trace.
            Throwable cause = detail.equals(e.getMessage()) ? e : null;
            throw new DatabaseUnavailableException(what + location + ": " + detail, cause);
        }
    }

    /**
     * The embedded database: only this process uses its file, so there are no connections to lose to
     * a server and nothing to evict; what it needs is a file sync after each commit, shared by the
     * writers that commit together ({@link GroupCommitSync}).
     */
    private static Database h2(String jdbcUrl, String user, String password, String location) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user, password);
        pool.setMaxConnections(MAX_CONNECTIONS);
        pool.setLoginTimeout(CONNECTION_WAIT_SECONDS);
        Transactions transactions = new Transactions(pool, RetryPolicy.DEFAULT, () -> { },
                new GroupCommitSync(GroupCommitSync.H2_CHECKPOINT_SYNC));
        return new Database(pool, transactions, location, pool::dispose, () -> pool.getActiveConnections(),
                ChangeNotifications.NONE);
    }

    /**
     * A server database (PostgreSQL) behind HikariCP, limits chosen for a store of rare, short
     * transactions shared by a few instances (docs/decisions/0008-postgresql-and-propagation.md):
     * at most {@value #MAX_CONNECTIONS} connections per instance, 2 kept idle; a request waits at
     * most {@value #SERVER_CONNECTION_WAIT_MILLIS} ms for one, so a database outage answers 503
     * quickly instead of holding requests; connections are checked every 2 minutes when idle and
     * replaced after 30 minutes. PostgreSQL's driver gets a 5 s connect and a 30 s socket timeout,
     * so a database that vanished without closing its sockets is noticed too.
     *
     * <p>No validation query on every borrow (every GET would pay a round trip): HikariCP checks a
     * connection only when it was idle for more than half a second, so one that a restarted server
     * dropped just after its last use is handed out all the same. {@link Transactions} runs the
     * unit of work again on a fresh one, and evicts the idle ones, which the server dropped too;
     * so does the listening connection when it is interrupted, before any request finds out.
     */
    private static Database pooled(String jdbcUrl, String user, String password, String location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("proxy-config");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(SERVER_CONNECTION_WAIT_MILLIS);
        config.setValidationTimeout(2_000);
        config.setKeepaliveTime(120_000);
        config.setIdleTimeout(600_000);
        config.setMaxLifetime(1_800_000);
        Properties driver = driverProperties(jdbcUrl);
        driver.forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        HikariDataSource pool = new HikariDataSource(config);
        Runnable evictIdle = () -> {
            if (pool.getHikariPoolMXBean() != null) pool.getHikariPoolMXBean().softEvictConnections();
        };
        ChangeNotifications notifications = jdbcUrl.startsWith("jdbc:postgresql:")
                ? new PostgresChangeNotifications(() -> {
                    Properties props = driverProperties(jdbcUrl);
                    props.setProperty("user", user);
                    props.setProperty("password", password);
                    props.setProperty("ApplicationName", "proxy-config (listen)");
                    return DriverManager.getConnection(jdbcUrl, props);
                }, location, evictIdle)
                : ChangeNotifications.NONE;
        Transactions transactions = new Transactions(pool, RetryPolicy.DEFAULT, evictIdle, CommitSync.NONE);
        return new Database(pool, transactions, location, pool::close,
                () -> pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getActiveConnections(),
                notifications);
    }

    private static Properties driverProperties(String jdbcUrl) {
        Properties p = new Properties();
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            p.setProperty("connectTimeout", "5");
            p.setProperty("socketTimeout", "30");
            p.setProperty("tcpKeepAlive", "true");
            p.setProperty("ApplicationName", "proxy-config");
        }
        return p;
    }

    /**
     * How this instance hears of revisions committed by others: LISTEN/NOTIFY on PostgreSQL,
     * nothing on the embedded database (only this process writes to it).
     */
    public ChangeNotifications changeNotifications() {
        return notifications;
    }

    /** The pool, for tools and tests that need plain JDBC; the stores run on {@link #transactions()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Units of work on this database, with its retries, evictions and durable commits. */
    Transactions transactions() {
        return transactions;
    }

    /** The JDBC URL without parameters or credentials: safe for logs and messages. */
    public String location() {
        return location;
    }

    /**
     * Releases the pool; the H2 file database closes with its last connection, so the same files can
     * be opened again. Call it after the work that uses the store has stopped.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        int active = activeConnections.getAsInt();
        if (active > 0) {
            LOG.log(System.Logger.Level.WARNING, "closing the database " + location + " while " + active
                    + " connection(s) are still in use; it closes when they are returned");
        }
        closer.run();
    }

    @Override
    public String toString() {
        return "Database[" + location + "]";
    }

    /** {@code jdbc:h2:file:/x/proxy-config;A=B} → {@code jdbc:h2:file:/x/proxy-config}; drops query and user info. */
    static String location(String jdbcUrl) {
        String s = jdbcUrl;
        int cut = indexOfAny(s, ';', '?');
        if (cut >= 0) s = s.substring(0, cut);
        int authority = s.indexOf("//");
        int at = authority < 0 ? -1 : s.indexOf('@', authority);
        int pathStart = authority < 0 ? -1 : s.indexOf('/', authority + 2);
        if (at >= 0 && (pathStart < 0 || at < pathStart)) {
            s = s.substring(0, authority + 2) + s.substring(at + 1);
        }
        return s;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a), j = s.indexOf(b);
        if (i < 0) return j;
        if (j < 0) return i;
        return Math.min(i, j);
    }

    /** Drivers quote the URL (with its parameters) in messages, some even the password: keep neither. */
    private static String scrub(String message, String jdbcUrl, String password) {
        if (message == null) return "(no detail)";
        // Any JDBC URL in it, even one a pool rewrote, loses its parameters and user info.
        String scrubbed = JDBC_URL.matcher(message.replace(jdbcUrl, location(jdbcUrl)))
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(location(m.group())));
        return password.isEmpty() ? scrubbed : scrubbed.replace(password, "<redacted>");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }
}
