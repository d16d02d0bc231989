package org.proxyconfig.adapters.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema: the Flyway migrations in {@code classpath:db/migration}, the same on H2 and
 * PostgreSQL; applying them to an up-to-date database changes nothing.
 */
final class Migrations {

    /**
     * The version of the newest migration in {@code db/migration} (MigrationsTest checks it). A
     * database whose schema history ends at exactly this version needs nothing: Flyway is not even
     * started, which saves a tenth of a second of every start but the first (docs/PERFORMANCE.md §3).
     * Any other state — older, newer, failed, no history — is Flyway's to handle (and to refuse).
     */
    static final int NEWEST_VERSION = 6;

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    /** @throws org.flywaydb.core.api.FlywayException when a migration cannot be applied */
    static void apply(Database database) {
        if (isCurrent(database)) {
            LOG.log(System.Logger.Level.INFO, "database " + database.location() + ": schema version "
                    + NEWEST_VERSION + ", current");
            return;
        }
        MigrateResult result = Flyway.configure()
                .dataSource(atReadCommitted(database.dataSource()))
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        // Flyway commits on the pool directly: a write through the database's own path syncs them.
        if (result.migrationsExecuted > 0) {
            database.transactions().write("make the migrated schema durable", connection -> null);
        }
        LOG.log(System.Logger.Level.INFO, "database " + database.location() + ": schema version "
                + result.targetSchemaVersion + ", " + result.migrationsExecuted + " migration(s) applied now");
    }

    /**
     * The pool's connections at READ COMMITTED, the database's default, which Flyway's locking
     * expects: the pools hand them out at REPEATABLE READ (for the store's reads), and there an
     * instance that waited inside its transaction for another's migration lock would read the schema
     * history from a snapshot taken before that migration committed, and apply it again ("relation
     * already exists": two jars starting together on an empty PostgreSQL database). The pools put a
     * connection back at their own level.
     */
    private static DataSource atReadCommitted(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Connection connection) {
                        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    }
                    return result;
                });
    }

    /** True when every migration ran and succeeded, the newest last; false on any doubt. */
    static boolean isCurrent(Database database) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            int expected = 1;
            while (rows.next()) {
                if (!rows.getBoolean(2) || !String.valueOf(expected).equals(rows.getString(1))) return false;
                expected++;
            }
            return expected == NEWEST_VERSION + 1;
        } catch (SQLException e) {
            return false; // no history table yet (a new database), or one we do not understand
        }
    }
}
