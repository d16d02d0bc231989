package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shortcut past Flyway at start is taken exactly when Flyway would have nothing to do. */
class MigrationsTest {

    @RegisterExtension
    final OpenedDatabases<Path> databases = OpenedDatabases.embedded();

    @TempDir
    Path dir;

    @Test
    void aMigratedDatabaseIsCurrentAndOneWithAFailedOrMissingStepIsNot() throws SQLException {
        Database database = databases.open(dir);
        assertThat(Migrations.isCurrent(database)).as("every migration applied").isTrue();

        execute(database, "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '3'");
        assertThat(Migrations.isCurrent(database)).as("a failed step").isFalse();

        execute(database, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + Migrations.NEWEST_VERSION + "'");
        assertThat(Migrations.isCurrent(database)).as("the newest missing").isFalse();
    }

    @Test
    void aDatabaseWithoutHistoryIsNotCurrent() throws SQLException {
        Database database = databases.open(dir);
        execute(database, "DROP TABLE \"flyway_schema_history\"");

        assertThat(Migrations.isCurrent(database)).isFalse();
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void theNewestVersionIsTheHighestMigrationFile() throws IOException {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        int highest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            highest = files.map(p -> version.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }

        assertThat(Migrations.NEWEST_VERSION).isEqualTo(highest);
    }
}
