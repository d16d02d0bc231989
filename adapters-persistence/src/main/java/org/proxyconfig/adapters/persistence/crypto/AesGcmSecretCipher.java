package org.proxyconfig.adapters.persistence.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing of secrets at rest. Each seal draws a fresh random 96-bit nonce, so sealing
 * the same password twice gives different values; the 128-bit tag makes any change to the sealed
 * value, or opening it under another key or context, fail instead of giving garbage.
 *
 * <p>Format: {@code "v1:" + base64(nonce[12] || ciphertext || tag[16])}. The version prefix leaves
 * room for another algorithm or key id later without guessing at old values.
 */
public final class AesGcmSecretCipher implements SecretCipher {

    private static final String VERSION = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKey key;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretCipher(EncryptionKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public String seal(String plain, String context) {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(context, "context");
        if (plain.isEmpty()) return "";
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every JDK; reaching this is a broken runtime, not bad input.
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public String open(String sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        if (sealed.isEmpty()) return "";
        if (!sealed.startsWith(VERSION)) {
            throw new SealedValueException("the sealed value is not in a known format (expected prefix " + VERSION + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("the sealed value is not valid base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedValueException("the sealed value is too short to hold a nonce and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedValueException(
                    "the sealed value does not open with this key: sealed with another key or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AesGcmSecretCipher[" + key + "]";
    }
}
