package org.proxyconfig.adapters.egress.follower;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.proxyconfig.domain.Secret;

/**
 * Seals the cached configuration (which holds the proxy password) with AES-256-GCM under a key
 * derived from the egress token: whoever can read the file still needs the token, and with the
 * token they could read {@code /effective} anyway, so the file gives away nothing more. GCM also
 * authenticates: a tampered, truncated or foreign file does not open, and is never half-read.
 *
 * <p>File layout: the header {@code "PCFC" 0x01}, a random 12-byte nonce, then the ciphertext and
 * its 16-byte tag. The plaintext is the revision (8 bytes, big-endian) and the {@code /effective}
 * JSON (the configuration and its routes; files written before the routes hold the configuration alone). The header is the associated data, so a later format cannot be mistaken for this one.
 */
final class CacheSeal {

    private static final byte[] HEADER = {'P', 'C', 'F', 'C', 1};
    private static final byte[] KEY_CONTEXT = "proxy-config follower cache v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom NONCES = new SecureRandom();

    private final SecretKeySpec key;

    private CacheSeal(SecretKeySpec key) {
        this.key = key;
    }

    /** HMAC-SHA256(token, context): a 256-bit key from the token, and a different key for any other use of it. */
    static CacheSeal forToken(Secret token) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(token.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new CacheSeal(new SecretKeySpec(hmac.doFinal(KEY_CONTEXT), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no HmacSHA256", e);
        }
    }

    byte[] seal(long revision, byte[] configJson) {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.nextBytes(nonce);
        byte[] plain = ByteBuffer.allocate(Long.BYTES + configJson.length).putLong(revision).put(configJson).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(HEADER);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(HEADER.length + NONCE_BYTES + sealed.length).put(HEADER).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot seal with AES/GCM", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * @throws UnreadableCacheException when the bytes are not a file this seal made: another
     *         format, another token, or changed in any way
     */
    Opened open(byte[] file) {
        if (file.length < HEADER.length + NONCE_BYTES + TAG_BITS / 8 + Long.BYTES
                || !Arrays.equals(file, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new UnreadableCacheException("not a proxy-config follower cache file (format v1)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, file, HEADER.length, NONCE_BYTES));
            cipher.updateAAD(HEADER);
            int at = HEADER.length + NONCE_BYTES;
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(file, at, file.length - at));
            long revision = plain.getLong();
            byte[] json = new byte[plain.remaining()];
            plain.get(json);
            return new Opened(revision, json);
        } catch (AEADBadTagException e) {
            throw new UnreadableCacheException("the file does not open with this token (another token, or the file was changed)");
        } catch (GeneralSecurityException e) {
            throw new UnreadableCacheException("the file cannot be opened: " + e.getClass().getSimpleName());
        }
    }

    /** What a sealed file holds. */
    record Opened(long revision, byte[] configJson) {
    }

    /** The cache cannot be used; the message says why, without any secret. */
    static final class UnreadableCacheException extends RuntimeException {
        UnreadableCacheException(String message) {
            super(message, null, false, false);
        }
    }
}
