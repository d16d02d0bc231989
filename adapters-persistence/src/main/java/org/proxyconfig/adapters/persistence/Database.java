package org.proxyconfig.adapters.persistence;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * An open, migrated database: the DataSource the store runs on, and its clean shutdown.
 *
 * <p>By default an embedded H2 file database in the data directory (see {@link #defaultUrl(Path)}
 * for its settings) behind a small H2 connection pool; any other JDBC URL gets a plain
 * DriverManager DataSource, its driver to be put on the classpath. Opening runs the Flyway
 * migrations in {@code classpath:db/migration}; re-opening an up-to-date database applies nothing.
 */
public final class Database implements AutoCloseable {

    /** The H2 database file is {@code <dataDir>/proxy-config.mv.db}. */
    public static final String DEFAULT_DATABASE_NAME = "proxy-config";
    /** The H2 user; an embedded file database only its owner can read needs no password of its own. */
    public static final String DEFAULT_USER = "proxy_config";

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final int MAX_CONNECTIONS = 10;
    private static final int CONNECTION_WAIT_SECONDS = 30;

    private final DataSource dataSource;
    private final String location;
    private final JdbcConnectionPool pool;

    private Database(DataSource dataSource, String location, JdbcConnectionPool pool) {
        this.dataSource = dataSource;
        this.location = location;
        this.pool = pool;
    }

    /**
     * The embedded H2 file database in {@code dataDir}, whose settings are chosen for a small,
     * rarely written, must-not-lose store:
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: every commit is written to the file before it returns (H2's default
     *       500 ms delay could lose an acknowledged change when the process is killed);
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
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
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
        JdbcConnectionPool pool = null;
        DataSource dataSource;
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            pool = JdbcConnectionPool.create(jdbcUrl, user, password);
            pool.setMaxConnections(MAX_CONNECTIONS);
            pool.setLoginTimeout(CONNECTION_WAIT_SECONDS);
            dataSource = pool;
        } else {
            dataSource = new DriverManagerDataSource(jdbcUrl, user, password);
        }
        Database database = new Database(dataSource, location, pool);
        try {
            try (Connection ignored = dataSource.getConnection()) {
                // Opening one connection makes "cannot reach / locked / bad credentials" fail here, by name.
            }
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
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

    public DataSource dataSource() {
        return dataSource;
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
    public void close() {
        if (pool == null) return;
        int active = pool.getActiveConnections();
        if (active > 0) {
            LOG.log(System.Logger.Level.WARNING, "closing the database " + location + " while " + active
                    + " connection(s) are still in use; it closes when they are returned");
        }
        pool.dispose();
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
        String scrubbed = message.replace(jdbcUrl, location(jdbcUrl));
        return password.isEmpty() ? scrubbed : scrubbed.replace(password, "<redacted>");
    }

    /** A DataSource without a pool, for databases other than the embedded H2: one connection per call. */
    private record DriverManagerDataSource(String url, String user, String password) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String otherUser, String otherPassword) throws SQLException {
            return DriverManager.getConnection(url, otherUser, otherPassword);
        }

        @Override public PrintWriter getLogWriter() { return DriverManager.getLogWriter(); }
        @Override public void setLogWriter(PrintWriter out) { DriverManager.setLogWriter(out); }
        @Override public void setLoginTimeout(int seconds) { DriverManager.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() { return DriverManager.getLoginTimeout(); }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }
        @Override public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) return type.cast(this);
            throw new SQLException("not a wrapper of " + type.getName());
        }
        @Override public boolean isWrapperFor(Class<?> type) { return type.isInstance(this); }

        @Override
        public String toString() {
            return "DriverManagerDataSource[" + location(url) + "]"; // the record's default would print the password
        }
    }
}
