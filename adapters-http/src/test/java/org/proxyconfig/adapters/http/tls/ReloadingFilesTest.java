package org.proxyconfig.adapters.http.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation's rules: a change is seen after the check interval, a bad change keeps the old value. */
class ReloadingFilesTest {

    @TempDir
    Path dir;

    private Path file;

    @org.junit.jupiter.api.BeforeEach
    void file() {
        file = dir.resolve("cert");
    }

    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final AtomicInteger loads = new AtomicInteger();

    private ReloadingFiles<String> watching(Path file) {
        return new ReloadingFiles<>("the test file", List.of(file), () -> {
            loads.incrementAndGet();
            try {
                String text = Files.readString(file).strip();
                if (text.startsWith("bad")) throw new InvalidTlsFileException(TlsSetting.CERTIFICATE, file, "is bad");
                return text;
            } catch (IOException e) {
                throw new InvalidTlsFileException(TlsSetting.CERTIFICATE, file, "cannot be read");
            }
        }, Duration.ofSeconds(1), clock);
    }

    /** The file "cert", saying "one", and its watcher. */
    private ReloadingFiles<String> watchingOne() throws IOException {
        rewrite(file, "one", 1);
        return watching(file);
    }

    /** What the watcher says once the check interval has passed. */
    private String later(ReloadingFiles<String> files) {
        now = now.plusSeconds(2);
        return files.current();
    }

    private void rewrite(Path file, String text, int second) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-02T09:00:00Z").plusSeconds(second)));
    }

    @Test
    void aChangeIsPickedUpOnceTheIntervalHasPassedAndNotBefore() throws IOException {
        ReloadingFiles<String> files = watchingOne();
        rewrite(file, "two", 2);

        now = now.plusMillis(999);
        assertThat(files.current()).isEqualTo("one");
        now = now.plusMillis(1);
        assertThat(files.current()).isEqualTo("two");
    }

    @Test
    void unchangedFilesAreNotReadAgain() throws IOException {
        ReloadingFiles<String> files = watchingOne();

        for (int i = 0; i < 5; i++) {
            assertThat(later(files)).isEqualTo("one");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aChangeThatDoesNotLoadKeepsThePreviousValueAndIsTriedOnlyOnceUntilTheFilesChangeAgain() throws IOException {
        ReloadingFiles<String> files = watchingOne();

        rewrite(file, "bad half-copied", 2);
        assertThat(later(files)).isEqualTo("one");
        assertThat(later(files)).isEqualTo("one");
        assertThat(loads).hasValue(2);

        rewrite(file, "three", 3);
        assertThat(later(files)).isEqualTo("three");
    }

    @Test
    void aFileThatDisappearsKeepsThePreviousValue() throws IOException {
        ReloadingFiles<String> files = watchingOne();

        Files.delete(file);

        assertThat(later(files)).isEqualTo("one");
    }

    @Test
    void aSymbolicLinkPointedElsewhereIsAChangeEvenWithTheSameSizeAndTime() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        rewrite(first.resolve("cert"), "one", 1);
        rewrite(second.resolve("cert"), "two", 1);
        Path data = Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(file, Path.of("..data/cert"));
        ReloadingFiles<String> files = watching(file);

        // How Kubernetes updates a mounted secret: the ..data link is replaced atomically.
        Path next = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(next, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(later(files)).isEqualTo("two");
    }
}
