package org.proxyconfig.adapters.persistence.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that seals the proxy password at rest, and where it comes from: the environment
 * variable {@value #ENV_VARIABLE} (base64 of 32 bytes) when set, otherwise the key file
 * {@code <dataDir>/}{@value #KEY_FILE_NAME}, generated on first start readable by its owner only.
 * No message, log line or {@code toString} ever contains the key.
 */
public final class EncryptionKey {

    public static final String ENV_VARIABLE = "PROXY_CONFIG_ENCRYPTION_KEY";
    public static final String KEY_FILE_NAME = "proxy-config.key";
    public static final int KEY_BYTES = 32;

    private static final System.Logger LOG = System.getLogger(EncryptionKey.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final String HOW_TO_MAKE_ONE = "generate one with: openssl rand -base64 32";

    private final byte[] bytes;
    private final String source;

    private EncryptionKey(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    /**
     * The key from the environment when {@code envValue} is set (not null, not blank), else the key
     * file in {@code dataDir}, created on first start.
     *
     * @param envValue the value of {@value #ENV_VARIABLE}, or null when it is not set
     * @throws InvalidEncryptionKeyException when the key given is unusable
     */
    public static EncryptionKey load(String envValue, Path dataDir) {
        if (envValue != null && !envValue.isBlank()) return fromBase64(envValue, ENV_VARIABLE);
        return fromKeyFile(dataDir);
    }

    /**
     * A key given as base64 of 32 bytes, e.g. from configuration.
     *
     * @param source what to call the value in an error message, e.g. the variable's name
     * @throws InvalidEncryptionKeyException when it is not base64 of exactly 32 bytes
     */
    public static EncryptionKey fromBase64(String value, String source) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: not chained, it is part of the key.
            throw new InvalidEncryptionKeyException(
                    source + " is not valid base64; it must be 32 random bytes in base64 (" + HOW_TO_MAKE_ONE + ")");
        }
        if (decoded.length != KEY_BYTES) {
            Arrays.fill(decoded, (byte) 0);
            throw new InvalidEncryptionKeyException(source + " must decode to " + KEY_BYTES
                    + " bytes (AES-256) but decodes to " + decoded.length + " bytes (" + HOW_TO_MAKE_ONE + ")");
        }
        return new EncryptionKey(decoded, source);
    }

    /**
     * The key in {@code <dataDir>/}{@value #KEY_FILE_NAME}; on first start a new random key is written
     * there, the file created owner read/write only (and {@code dataDir}, when missing, owner only).
     * A key file that group or others may read is refused rather than trusted.
     *
     * @throws InvalidEncryptionKeyException when the file cannot be read, written or used
     */
    public static EncryptionKey fromKeyFile(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE_NAME).toAbsolutePath();
        try {
            createOwnerOnlyDirectories(dataDir);
            if (!Files.exists(file)) {
                EncryptionKey created = createKeyFile(file);
                if (created != null) return created;
            }
            return readKeyFile(file);
        } catch (IOException e) {
            throw new InvalidEncryptionKeyException("cannot read or create the key file " + file + ": " + e, e);
        }
    }

    /** A new random key, e.g. the target of a key rotation; it exists only in memory. */
    public static EncryptionKey generate() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new EncryptionKey(bytes, "a generated key");
    }

    /** The key as base64, for writing it somewhere safe (e.g. a new key during rotation). */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Where the key came from, e.g. the variable's name or the key file's path; never the key. */
    public String source() {
        return source;
    }

    /**
     * A keyed fingerprint of {@code text} (HMAC-SHA256 under a key derived from this one for this
     * purpose only, hex): tells whether two texts are equal without revealing either, even to someone
     * who reads the database and can guess most of the text.
     */
    public String fingerprint(String text) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(bytes, "HmacSHA256"));
            byte[] purposeKey = derive.doFinal("proxy-config declaration fingerprint v1".getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    SecretKey aesKey() {
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "EncryptionKey[from " + source + "]";
    }

    /** Writes a new key to a temporary owner-only file, then moves it in place: never a half-written key file. */
    private static EncryptionKey createKeyFile(Path file) throws IOException {
        EncryptionKey key = generate();
        Path dir = file.getParent();
        Path temp = posix()
                ? Files.createTempFile(dir, "." + KEY_FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(dir, "." + KEY_FILE_NAME, ".tmp");
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
        return new EncryptionKey(key.bytes, "key file " + file);
    }

    private static EncryptionKey readKeyFile(Path file) throws IOException {
        if (posix()) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(file);
            } catch (NoSuchFileException e) {
                throw new InvalidEncryptionKeyException("the key file " + file + " disappeared while it was read", e);
            }
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new InvalidEncryptionKeyException("the key file " + file + " may be read by others (permissions "
                        + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + file);
            }
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        return fromBase64(content, "the key file " + file).withSource("key file " + file);
    }

    private EncryptionKey withSource(String newSource) {
        return new EncryptionKey(bytes, newSource);
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
