package org.proxyconfig.adapters.persistence.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.proxyconfig.adapters.persistence.Database;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;

/**
 * Both files kept in the data directory, the embedded database and the key file, create it when
 * it is missing, parents included, for its owner only: each holds what only this service may read.
 */
class DataDirectoryTest {

    @TempDir
    Path temp;

    static Stream<Arguments> theFilesInTheDataDirectory() {
        return Stream.of(
                Arguments.of("the embedded database", (Consumer<Path>) dataDir -> Database.openDefault(dataDir).close()),
                Arguments.of("the key file", (Consumer<Path>) EncryptionKey::fromKeyFile));
    }

    @ParameterizedTest(name = "{0} creates a missing data directory for its owner only")
    @MethodSource("theFilesInTheDataDirectory")
    void createsAMissingDataDirectoryForItsOwnerOnly(String file, Consumer<Path> openIn) throws IOException {
        Path dataDir = temp.resolve("new").resolve("data");

        openIn.accept(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }
}
