package org.proxyconfig.adapters.persistence.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.proxyconfig.adapters.persistence.datadir.DataDirectory;

/**
 * The key file {@code <dataDir>/}{@value #NAME}: read when it exists, written with a new random key
 * on first start, owner read/write only. A key file that group or others may read is refused
 * rather than trusted.
 */
final class KeyFile {

    static final String NAME = "proxy-config.key";

    private static final System.Logger LOG = System.getLogger(KeyFile.class.getName());

    private KeyFile() {
    }

    /** @throws InvalidEncryptionKeyException when the file cannot be read, written or used */
    static EncryptionKey load(Path dataDir) {
        Path file = dataDir.resolve(NAME).toAbsolutePath();
        try {
            DataDirectory.ensure(dataDir);
            if (!Files.exists(file)) {
                EncryptionKey created = create(file);
                if (created != null) return created;
            }
            return read(file);
        } catch (IOException e) {
            throw new InvalidEncryptionKeyException("cannot read or create the key file " + file + ": " + e, e);
        }
    }

    /**
     * Writes a new key to a temporary owner-only file, then moves it in place: never a half-written
     * key file. Null when another process wrote the key file meanwhile: its key wins.
     */
    private static EncryptionKey create(Path file) throws IOException {
        EncryptionKey key = EncryptionKey.generate();
        Path temp = Files.createTempFile(file.getParent(), "." + NAME, ".tmp", DataDirectory.ownerOnlyFile());
        try {
            Files.writeString(temp, key.toBase64() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            Files.move(temp, file); // no REPLACE_EXISTING: a key written meanwhile by another process wins
        } catch (FileAlreadyExistsException raced) {
            return null;
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.log(System.Logger.Level.INFO, "generated a new encryption key in " + file
                + " (owner read/write only); back it up: without it the stored proxy password cannot be read");
        return key.withSource("key file " + file);
    }

    private static EncryptionKey read(Path file) throws IOException {
        if (DataDirectory.posix()) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(file);
            } catch (NoSuchFileException e) {
                throw new InvalidEncryptionKeyException("the key file " + file + " disappeared while it was read", e);
            }
            if (!DataDirectory.OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new InvalidEncryptionKeyException("the key file " + file + " may be read by others (permissions "
                        + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + file);
            }
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        return EncryptionKey.fromBase64(content, "the key file " + file).withSource("key file " + file);
    }
}
