package org.proxyconfig.adapters.persistence.crypto;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
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
    public static final String KEY_FILE_NAME = KeyFile.NAME;
    public static final int KEY_BYTES = 32;

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
     * The key in {@code <dataDir>/}{@value #KEY_FILE_NAME}, written there on first start ({@link KeyFile}).
     *
     * @throws InvalidEncryptionKeyException when the file cannot be read, written or used
     */
    public static EncryptionKey fromKeyFile(Path dataDir) {
        return KeyFile.load(dataDir);
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

    SecretKey aesKey() {
        return new SecretKeySpec(bytes, "AES");
    }

    /** The key for HMAC-SHA256, from which {@link KeyedFingerprint} derives its own. */
    SecretKey hmacKey() {
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Override
    public String toString() {
        return "EncryptionKey[from " + source + "]";
    }

    EncryptionKey withSource(String newSource) {
        return new EncryptionKey(bytes, newSource);
    }
}
