package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Revision;
import org.proxyconfig.domain.Secret;

/** The proxy password at rest: sealed in the files, bound to the key the database was written with. */
class EncryptionAtRestTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");
    private static final String PASSWORD = "Xy9-distinctive-proxy-Secret-4711";
    private static final String USERNAME = "distinctive-username-0815";

    @TempDir
    Path dataDir;

    @RegisterExtension
    final OpenedDatabases<Path> databases = OpenedDatabases.embedded();

    private static final String ROUTE_PASSWORD = "Qz7-distinctive-route-Secret-0042";

    private static ProxyRoutes routes(String password) {
        return ProxyRoutes.builder()
                .add(".direct.example", ProxyRoute.ALL_PURPOSES, RouteVia.DIRECT)
                .add("second.example", ProxyRoute.ALL_PURPOSES, RouteProxy.builder().url("http://second.corp.example:8080")
                        .username("route-user").password(Secret.of(password)))
                .build();
    }

    private static ProxyConfig config(String password) {
        return ProxyConfig.builder().enabled(true).url("http://proxy.corp.example:3128").username(USERNAME)
                .password(Secret.of(password)).enableForScim(true).enableForInference(true).enableForApi(true).build();
    }

    private JdbcProxyConfigStore storeWith(EncryptionKey key) {
        return databases.openStore(dataDir, key);
    }

    @Test
    void theDatabaseFilesHoldNeitherThePasswordNorItsBase64() throws IOException {
        storeWith(EncryptionKey.generate()).write(log -> log.append(config(PASSWORD), routes(ROUTE_PASSWORD), AT, "alice"));
        databases.closeAll();

        byte[] files = allFileBytes();
        assertThat(contains(files, USERNAME.getBytes(StandardCharsets.UTF_8)))
                .as("control: a plain field is found, so the search works").isTrue();
        assertThat(contains(files, "route-user".getBytes(StandardCharsets.UTF_8)))
                .as("control: a plain field of a route is found").isTrue();
        for (String secret : List.of(PASSWORD, ROUTE_PASSWORD)) {
            assertThat(contains(files, secret.getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(contains(files, secret.getBytes(StandardCharsets.UTF_16BE))).isFalse();
            assertThat(contains(files, secret.getBytes(StandardCharsets.UTF_16LE))).isFalse();
            assertThat(contains(files, base64(secret).getBytes(StandardCharsets.US_ASCII))).isFalse();
            // base64 of the password at any alignment: its middle, without the padding-dependent ends
            for (String prefix : List.of("", "a", "ab")) {
                String encoded = base64(prefix + secret);
                String middle = encoded.substring(4, encoded.length() - 4);
                assertThat(contains(files, middle.getBytes(StandardCharsets.US_ASCII))).isFalse();
            }
        }
    }

    @Test
    void aRoutePasswordIsSealedInItsColumnAndOpensOnlyInItsOwnRow() throws SQLException {
        JdbcProxyConfigStore store = storeWith(EncryptionKey.generate());
        store.write(log -> log.append(config(PASSWORD), routes(ROUTE_PASSWORD), AT, "alice"));
        try (Connection c = databases.databaseOf(store).dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_sealed, username FROM proxy_config_route WHERE route_index = 1")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(ROUTE_PASSWORD);
            assertThat(rs.getString(2)).isEqualTo("route-user");
        }
        assertThat(store.read(RevisionLog::latest).orElseThrow().routes()).isEqualTo(routes(ROUTE_PASSWORD));

        store.write(log -> log.append(config(PASSWORD), routes("another-route-password"), AT, "mallory"));
        execute(databases.databaseOf(store), "UPDATE proxy_config_route SET password_sealed ="
                + " (SELECT password_sealed FROM proxy_config_route WHERE revision = 1 AND route_index = 1) WHERE revision = 2");

        assertThatThrownBy(() -> store.read(RevisionLog::latest))
                .isInstanceOf(org.proxyconfig.application.StoreFaultException.class)
                .hasMessageContaining("the password of route 1 of revision 2 cannot be decrypted")
                .hasMessageNotContaining(ROUTE_PASSWORD);
    }

    @Test
    void aWrongKeyAtReopenIsRefusedClearlyAndChangesNothing() throws SQLException {
        EncryptionKey rightKey = EncryptionKey.generate();
        EncryptionKey wrongKey = EncryptionKey.generate();
        storeWith(rightKey).write(log -> log.append(config(PASSWORD), AT, "alice"));
        String before = snapshot();
        databases.closeAll();

        assertThatThrownBy(() -> storeWith(wrongKey))
                .isInstanceOf(EncryptionKeyMismatchException.class)
                .hasMessageStartingWith("the encryption key does not match the one this database was written with;")
                .hasMessageNotContaining(rightKey.toBase64())
                .hasMessageNotContaining(wrongKey.toBase64());
        assertThat(snapshot()).isEqualTo(before);
        databases.closeAll();

        Revision latest = storeWith(rightKey).read(RevisionLog::latest).orElseThrow();
        assertThat(latest.number()).isEqualTo(1);
        assertThat(latest.config().password().reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void theFirstStartRecordsTheKeyAndLaterStartsWithTheSameKeyPass() {
        EncryptionKey key = EncryptionKey.generate();
        storeWith(key);
        databases.closeAll();

        JdbcProxyConfigStore again = storeWith(key);

        assertThat(again.read(RevisionLog::latest)).isEmpty();
    }

    @Test
    void aSealedPasswordCopiedToAnotherRevisionDoesNotOpen() throws SQLException {
        JdbcProxyConfigStore store = storeWith(EncryptionKey.generate());
        store.write(log -> log.append(config(PASSWORD), AT, "alice"));
        store.write(log -> log.append(config("another-password"), AT, "mallory"));
        execute(databases.databaseOf(store), "UPDATE proxy_config_revision SET password_sealed ="
                + " (SELECT password_sealed FROM proxy_config_revision WHERE revision = 1) WHERE revision = 2");

        assertThatThrownBy(() -> store.read(RevisionLog::latest))
                .isInstanceOf(org.proxyconfig.application.StoreFaultException.class)
                .hasMessageContaining("the password of revision 2 cannot be decrypted")
                .hasMessageContaining("PROXY_CONFIG_ENCRYPTION_KEY")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aKeyRotationReSealsEveryPasswordSoOnlyTheNewKeyOpensTheDatabase() {
        EncryptionKey oldKey = EncryptionKey.generate();
        EncryptionKey newKey = EncryptionKey.generate();
        JdbcProxyConfigStore store = storeWith(oldKey);
        store.write(log -> log.append(config(PASSWORD), AT, "alice"));
        store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "bob"));
        store.write(log -> log.append(config("third-password"), routes(ROUTE_PASSWORD), AT, "carol"));

        int resealed = KeyRotation.rotate(databases.databaseOf(store),
                new AesGcmSecretCipher(oldKey), new AesGcmSecretCipher(newKey));
        databases.closeAll();

        assertThat(resealed).as("two main passwords and one route password").isEqualTo(3);
        assertThatThrownBy(() -> storeWith(oldKey)).isInstanceOf(EncryptionKeyMismatchException.class);
        databases.closeAll();
        JdbcProxyConfigStore rotated = storeWith(newKey);
        assertThat(rotated.read(RevisionLog::latest).orElseThrow().config().password().reveal())
                .isEqualTo("third-password");
        assertThat(rotated.read(RevisionLog::latest).orElseThrow().routes()).isEqualTo(routes(ROUTE_PASSWORD));
    }

    @Test
    void aKeyRotationFromTheWrongKeyChangesNothing() throws SQLException {
        EncryptionKey key = EncryptionKey.generate();
        JdbcProxyConfigStore store = storeWith(key);
        store.write(log -> log.append(config(PASSWORD), routes(ROUTE_PASSWORD), AT, "alice"));
        String before = snapshot();

        assertThatThrownBy(() -> KeyRotation.rotate(databases.databaseOf(store),
                new AesGcmSecretCipher(EncryptionKey.generate()), new AesGcmSecretCipher(EncryptionKey.generate())))
                .isInstanceOf(EncryptionKeyMismatchException.class);

        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every stored value that the key touches, as one string. */
    private String snapshot() throws SQLException {
        Database database = databases.open(dataDir);
        StringBuilder out = new StringBuilder();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT sealed FROM key_check")) {
                while (rs.next()) out.append("key_check=").append(rs.getString(1)).append('\n');
            }
            try (ResultSet rs = s.executeQuery("SELECT revision, password_sealed FROM proxy_config_revision ORDER BY revision")) {
                while (rs.next()) out.append(rs.getLong(1)).append('=').append(rs.getString(2)).append('\n');
            }
            try (ResultSet rs = s.executeQuery("SELECT revision, route_index, password_sealed FROM proxy_config_route"
                    + " ORDER BY revision, route_index")) {
                while (rs.next()) out.append(rs.getLong(1)).append('/').append(rs.getInt(2)).append('=').append(rs.getString(3)).append('\n');
            }
            try (ResultSet rs = s.executeQuery("SELECT latest_revision FROM proxy_config_head")) {
                while (rs.next()) out.append("head=").append(rs.getLong(1)).append('\n');
            }
        }
        return out.toString();
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private byte[] allFileBytes() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.write(Files.readAllBytes(file));
            }
        }
        assertThat(out.size()).as("the database files were found").isGreaterThan(0);
        return out.toByteArray();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
