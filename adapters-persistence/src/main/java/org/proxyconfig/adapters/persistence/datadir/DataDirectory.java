package org.proxyconfig.adapters.persistence.datadir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory ({@code PROXY_CONFIG_DATA_DIR}): where the embedded database and the key file
 * live, created readable by its owner only, since both hold what only this service may read.
 */
public final class DataDirectory {

    /** Owner read/write only: what a file under the data directory is created with. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    /** Creates {@code dir} and its missing parents, owner-only where the file system has permissions. */
    public static void ensure(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** The attributes of a new owner-only file: none where the file system has no permissions. */
    public static FileAttribute<?>[] ownerOnlyFile() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)} : new FileAttribute<?>[0];
    }

    /** Whether the file system keeps POSIX permissions (not on Windows). */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
