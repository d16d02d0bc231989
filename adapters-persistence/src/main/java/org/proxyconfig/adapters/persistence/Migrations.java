package org.proxyconfig.adapters.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema: the Flyway migrations in {@code classpath:db/migration}, the same on H2 and
 * PostgreSQL; applying them to an up-to-date database changes nothing.
 */
final class Migrations {

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    /** @throws org.flywaydb.core.api.FlywayException when a migration cannot be applied */
    static void apply(Database database) {
        MigrateResult result = Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        // Flyway commits on the pool directly: a write through the database's own path syncs them.
        // An up-to-date schema (every start but the first) wrote nothing, so there is nothing to sync.
        if (result.migrationsExecuted > 0) {
            database.transactions().write("make the migrated schema durable", connection -> null);
        }
        LOG.log(System.Logger.Level.INFO, "database " + database.location() + ": schema version "
                + result.targetSchemaVersion + ", " + result.migrationsExecuted + " migration(s) applied now");
    }
}
