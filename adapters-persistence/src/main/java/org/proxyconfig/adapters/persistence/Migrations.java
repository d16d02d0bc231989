package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
                .dataSource(database.dataSource())
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
