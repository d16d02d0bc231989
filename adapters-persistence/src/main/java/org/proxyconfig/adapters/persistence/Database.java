package org.proxyconfig.adapters.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.proxyconfig.adapters.persistence.datadir.DataDirectory;
import org.proxyconfig.application.port.out.ChangeNotifications;

/**
 * An open, migrated database: the DataSource the store runs on, and its clean shutdown.
 *
 * <p>By default an embedded H2 file database in the data directory ({@link EmbeddedH2}); any other
 * JDBC URL (PostgreSQL, the shared store of several instances) gets a HikariCP pool
 * ({@link ServerPool}). Opening runs the same {@link Migrations} on both.
 */
public final class Database implements AutoCloseable {

    /** The H2 database file is {@code <dataDir>/proxy-config.mv.db}. */
    public static final String DEFAULT_DATABASE_NAME = EmbeddedH2.DATABASE_NAME;
    /** The H2 user; an embedded file database only its owner can read needs no password of its own. */
    public static final String DEFAULT_USER = "proxy_config";

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final DataSource dataSource;
    private final Transactions transactions;
    private final String location;
    private final Runnable closer;
    private final IntSupplier activeConnections;
    private final ChangeNotifications notifications;
    private boolean closed;

    Database(DataSource dataSource, Transactions transactions, String location, Runnable closer,
             IntSupplier activeConnections, ChangeNotifications notifications) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.location = location;
        this.closer = closer;
        this.activeConnections = activeConnections;
        this.notifications = notifications;
    }

    /** The URL of the embedded H2 file database in {@code dataDir}; its settings: {@link EmbeddedH2#url}. */
    public static String defaultUrl(Path dataDir) {
        return EmbeddedH2.url(dataDir);
    }

    /** Opens (creating it on first start, its directory owner-only) and migrates the default H2 file database. */
    public static Database openDefault(Path dataDir) {
        try {
            DataDirectory.ensure(dataDir);
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
        String location = JdbcLocations.location(jdbcUrl);
        Database database;
        try {
            database = jdbcUrl.startsWith("jdbc:h2:")
                    ? EmbeddedH2.open(jdbcUrl, user, password, location)
                    : ServerPool.open(jdbcUrl, user, password, location);
        } catch (RuntimeException e) {
            // HikariCP fails its first connection eagerly, with the driver's message.
            throw new DatabaseUnavailableException("cannot open the database " + location + ": "
                    + JdbcLocations.scrub(JdbcLocations.rootMessage(e), jdbcUrl, password), null);
        }
        try {
            try (Connection ignored = database.dataSource.getConnection()) {
                // Opening one connection makes "cannot reach / locked / bad credentials" fail here, by name.
            }
            Migrations.apply(database);
            return database;
        } catch (SQLException | FlywayException e) {
            database.close();
            String what = e instanceof SQLException ? "cannot open the database " : "cannot migrate the database ";
            String detail = JdbcLocations.scrub(e.getMessage(), jdbcUrl, password);
            // A cause whose message quotes the URL or the password would print it with the stack trace.
            Throwable cause = detail.equals(e.getMessage()) ? e : null;
            throw new DatabaseUnavailableException(what + location + ": " + detail, cause);
        }
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
}
