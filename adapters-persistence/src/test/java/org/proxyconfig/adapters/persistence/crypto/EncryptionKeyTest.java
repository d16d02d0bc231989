package org.proxyconfig.adapters.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartCreatesAKeyFileOnlyItsOwnerCanReadOrWrite() throws IOException {
        EncryptionKey key = EncryptionKey.load(null, dataDir);

        Path file = dataDir.resolve("proxy-config.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(key.source()).isEqualTo("key file " + file.toAbsolutePath());
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void laterStartsReuseTheKeyFile() {
        EncryptionKey first = EncryptionKey.load(null, dataDir);
        EncryptionKey second = EncryptionKey.load("", dataDir);

        assertThat(second.toBase64()).isEqualTo(first.toBase64());
        String sealed = new AesGcmSecretCipher(first).seal("password", "ctx");
        assertThat(new AesGcmSecretCipher(second).open(sealed, "ctx")).isEqualTo("password");
    }

    @Test
    void theEnvironmentKeyWinsOverTheKeyFile() throws IOException {
        String envKey = Base64.getEncoder().encodeToString(new byte[32]);

        EncryptionKey key = EncryptionKey.load(envKey, dataDir);

        assertThat(key.toBase64()).isEqualTo(envKey);
        assertThat(key.source()).isEqualTo("PROXY_CONFIG_ENCRYPTION_KEY");
        assertThat(Files.exists(dataDir.resolve("proxy-config.key"))).as("no key file is written").isFalse();
    }

    @Test
    void acceptsAnEnvironmentKeyWithSurroundingWhitespace() {
        String envKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(EncryptionKey.load("  " + envKey + "\n", dataDir).toBase64()).isEqualTo(envKey);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "c2VjcmV0LWJ1dC1ub3QtYmFzZTY0-_-_", "%%%%"})
    void refusesAnEnvironmentKeyThatIsNotBase64WithoutEchoingIt(String value) {
        assertThatThrownBy(() -> EncryptionKey.load(value, dataDir))
                .isInstanceOf(InvalidEncryptionKeyException.class)
                .hasMessageStartingWith("PROXY_CONFIG_ENCRYPTION_KEY is not valid base64")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining(value)
                .hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 24, 31, 33, 64})
    void refusesAnEnvironmentKeyThatIsNot32BytesWithoutEchoingIt(int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 0x5a);
        String value = Base64.getEncoder().encodeToString(bytes);

        String shown = value;
        assertThatThrownBy(() -> EncryptionKey.load(shown, dataDir))
                .isInstanceOf(InvalidEncryptionKeyException.class)
                .hasMessageContaining("PROXY_CONFIG_ENCRYPTION_KEY")
                .hasMessageNotContaining(shown);
    }

    @Test
    void refusesAKeyFileThatOthersMayRead() throws IOException {
        EncryptionKey.load(null, dataDir);
        Path file = dataDir.resolve("proxy-config.key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> EncryptionKey.load(null, dataDir))
                .isInstanceOf(InvalidEncryptionKeyException.class)
                .hasMessageContaining("may be read by others")
                .hasMessageContaining("chmod 600 " + file.toAbsolutePath());
    }

    @Test
    void refusesACorruptKeyFileNamingItButNotItsContent() throws IOException {
        Path file = dataDir.resolve("proxy-config.key");
        Files.writeString(file, "dG9vLXNob3J0", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> EncryptionKey.load(null, dataDir))
                .isInstanceOf(InvalidEncryptionKeyException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("dG9vLXNob3J0");
    }
}
