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

    @Test
    void aRevisionWrittenBeforeRoutesExistedReadsBackWithNone() throws SQLException {
        // The schema as version 4 left it, with one revision in it (no password: no key needed).
        org.flywaydb.core.Flyway.configure().dataSource(Database.defaultUrl(dir), Database.DEFAULT_USER, "")
                .locations("classpath:db/migration").target("4").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(Database.defaultUrl(dir), Database.DEFAULT_USER, "");
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO proxy_config_revision (revision, created_at, actor, enabled, proxy_type, url, username,"
                    + " password_sealed, no_proxy, timeout_seconds, skip_tls_verify, enable_for_scim, enable_for_inference,"
                    + " enable_for_api, ca_cert_pem) VALUES (1, TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00', 'v4',"
                    + " TRUE, 'http', 'old.example:3128', '', '', '', 0, FALSE, TRUE, TRUE, TRUE, '')");
            s.execute("UPDATE proxy_config_head SET latest_revision = 1");
            s.execute("SHUTDOWN");
        }

        var store = databases.openStore(dir, org.proxyconfig.adapters.persistence.crypto.EncryptionKey.generate());

        var latest = store.read(org.proxyconfig.application.port.out.RevisionLog::latest).orElseThrow();
        assertThat(latest.config().url()).isEqualTo("old.example:3128");
        assertThat(latest.routes()).isEqualTo(org.proxyconfig.domain.ProxyRoutes.NONE);
    }
}
