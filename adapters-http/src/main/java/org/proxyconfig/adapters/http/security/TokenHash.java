package org.proxyconfig.adapters.http.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a credential. Tokens are long random values, so a fast hash is enough to keep them
 * out of memory dumps and storage; what matters is that comparisons are of equal-length digests,
 * in constant time.
 */
final class TokenHash {

    /**
     * Cloned for each hash: {@code MessageDigest.getInstance} searches the security providers on
     * every call, which was a twentieth of an authenticated request's CPU (JFR, docs/PERFORMANCE.md §6).
     */
    private static final MessageDigest SHA_256 = sha256();

    private TokenHash() {
    }

    static byte[] of(String credential) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(credential.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Constant-time equality of two digests. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
