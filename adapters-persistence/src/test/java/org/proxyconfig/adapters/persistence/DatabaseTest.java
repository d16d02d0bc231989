package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final OpenedDatabases<Path> databases = OpenedDatabases.embedded();

    @Test
    void migratesAnEmptyDatabaseToTheRevisionSchema() throws SQLException {
        Database database = databases.open(temp.resolve("data"));

        assertThat(applied(database)).extracting(m -> m.getVersion().getVersion()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(queryLong(database, "SELECT latest_revision FROM proxy_config_head WHERE id = 1")).isZero();
        assertThat(queryLong(database, "SELECT COUNT(*) FROM proxy_config_revision")).isZero();
        assertThat(queryLong(database, "SELECT COUNT(*) FROM key_check")).isZero();
        assertThat(Files.exists(temp.resolve("data").resolve("proxy-config.mv.db"))).isTrue();
    }

    @Test
    void reopeningAnUpToDateDatabaseAppliesNoMigrationAgain() throws SQLException {
        Path dataDir = temp.resolve("data");
        databases.open(dataDir).close();

        Database again = databases.open(dataDir);

        assertThat(applied(again)).hasSize(6).allMatch(m -> m.getState() == MigrationState.SUCCESS);
        assertThat(Flyway.configure().dataSource(again.dataSource()).load().migrate().migrationsExecuted).isZero();
        assertThat(queryLong(again, "SELECT COUNT(*) FROM proxy_config_head")).isEqualTo(1);
    }

    @Test
    void theHeadTableHoldsASingleRow() {
        Database database = databases.open(temp.resolve("data"));

        assertThatThrownBy(() -> queryLong(database, "INSERT INTO proxy_config_head (id, latest_revision) VALUES (2, 0)"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theDefaultUrlIsAnEmbeddedH2FileDatabaseWithoutAServerPort() {
        String url = Database.defaultUrl(Path.of("/var/lib/proxy-config"));

        assertThat(url).startsWith("jdbc:h2:file:/var/lib/proxy-config/proxy-config;")
                .doesNotContain("WRITE_DELAY=0").doesNotContain("AUTO_SERVER");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> Database.open(
                "jdbc:nosuchdriver://dbuser:url-secret@db.example:5432/proxy?password=url-secret-2",
                "dbuser", "db-password-1"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot open the database jdbc:nosuchdriver://db.example:5432/proxy")
                .hasMessageNotContaining("url-secret")
                .hasMessageNotContaining("db-password-1")
                .satisfies(e -> assertThat(stackOf(e)).doesNotContain("url-secret"));
    }

    @Test
    void anH2FileThatCannotBeCreatedIsNamedInTheError() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        String url = "jdbc:h2:file:" + notADirectory.resolve("proxy-config") + ";TRACE_LEVEL_FILE=0";

        assertThatThrownBy(() -> Database.open(url, "proxy_config", "h2-password"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot open the database jdbc:h2:file:" + notADirectory.resolve("proxy-config") + ":")
                .hasMessageNotContaining("h2-password");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedInTheError() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");

        assertThatThrownBy(() -> Database.openDefault(notADirectory.resolve("data")))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining(notADirectory.resolve("data").toString());
    }

    @Test
    void theLocationDropsParametersAndCredentials() {
        assertThat(JdbcLocations.location("jdbc:h2:file:/data/proxy-config;WRITE_DELAY=0;PASSWORD=x"))
                .isEqualTo("jdbc:h2:file:/data/proxy-config");
        assertThat(JdbcLocations.location("jdbc:postgresql://app:pw@db.example:5432/proxy?sslmode=require&password=pw"))
                .isEqualTo("jdbc:postgresql://db.example:5432/proxy");
        assertThat(JdbcLocations.location("jdbc:postgresql://db.example/proxy?user=app"))
                .isEqualTo("jdbc:postgresql://db.example/proxy");
    }

    private static List<MigrationInfo> applied(Database database) {
        return Arrays.asList(Flyway.configure().dataSource(database.dataSource()).load().info().applied());
    }

    private static long queryLong(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (!s.execute(sql)) return s.getUpdateCount();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String stackOf(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
