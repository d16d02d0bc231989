package org.proxyconfig.adapters.http.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What some files say, read again when they change: certificate rotation without a restart. The
 * files are looked at (their size, time and identity, not their content) at most once per
 * {@code checkEvery}, from the handshake that needs them, so no thread is spent on it. A change
 * that does not load (a half-copied pair, an expired certificate) is logged once and ignored: the
 * previous value stays in use until the files are right.
 *
 * <p>The identity (device and inode) counts because Kubernetes rotates a mounted secret by
 * pointing a symbolic link at a new directory, which can leave size and time alike.
 */
final class ReloadingFiles<T> {

    private static final System.Logger LOG = System.getLogger(ReloadingFiles.class.getName());

    private final String what;
    private final List<Path> files;
    private final Supplier<T> loader;
    private final Duration checkEvery;
    private final Clock clock;

    private volatile T current;
    private volatile Instant nextCheck;
    private List<Object> loadedStamp;
    private List<Object> refusedStamp;

    /** Loads now: a failure here is a failure to start ({@link InvalidTlsFileException}). */
    ReloadingFiles(String what, List<Path> files, Supplier<T> loader, Duration checkEvery, Clock clock) {
        this.what = what;
        this.files = List.copyOf(files);
        this.loader = loader;
        this.checkEvery = checkEvery;
        this.clock = clock;
        this.loadedStamp = stamp();
        this.current = loader.get();
        this.nextCheck = clock.instant().plus(checkEvery);
    }

    T current() {
        if (clock.instant().isBefore(nextCheck)) return current;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(nextCheck)) return current;
            nextCheck = now.plus(checkEvery);
            List<Object> stamp = stamp();
            if (stamp.equals(loadedStamp) || stamp.equals(refusedStamp)) return current;
            try {
                current = loader.get();
                loadedStamp = stamp;
                refusedStamp = null;
                LOG.log(Level.INFO, what + " reloaded from " + files);
            } catch (InvalidTlsFileException e) {
                refusedStamp = stamp;
                LOG.log(Level.WARNING, what + " changed on disk but cannot be used, so the previous one stays in use: "
                        + e.getMessage());
            }
            return current;
        }
    }

    private List<Object> stamp() {
        List<Object> stamp = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamp.add(List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey())));
            } catch (IOException e) {
                stamp.add(e.getClass().getName());
            }
        }
        return stamp;
    }
}
