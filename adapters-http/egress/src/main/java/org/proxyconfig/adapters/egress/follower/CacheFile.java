package org.proxyconfig.adapters.egress.follower;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;

/**
 * The cache file's bytes on disk. A write never leaves a half-written file where a reader (the
 * next start) would find it: the bytes go to a new file beside it, are forced to the disk, and the
 * new file is moved over the old one in one step. The new file is created owner-only
 * ({@code rw-------}) on POSIX file systems, in the same call that creates it, so there is no
 * moment at which others could open it; elsewhere it takes the directory's defaults (the contents
 * are sealed either way).
 */
final class CacheFile {

    /** A configuration is a few KB; anything far larger is not a file this class wrote. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path path;

    CacheFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** The file's bytes, or empty when there is no file. */
    Optional<byte[]> read() throws IOException {
        try {
            if (Files.size(path) > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES + " bytes");
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the file's contents with {@code bytes}, atomically. */
    void write(byte[] bytes) throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            createOwnerOnly(temp);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            move(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    private static void createOwnerOnly(Path temp) throws IOException {
        try {
            Files.createFile(temp, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a temporary file of that random name already exists: " + temp, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so only an exotic file system says this; a plain replace is the best it offers.
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable (Linux needs the directory forced); where a directory cannot be opened, skipped. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the file itself was forced before the move.
        }
    }
}
