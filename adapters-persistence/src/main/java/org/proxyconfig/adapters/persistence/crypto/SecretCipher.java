package org.proxyconfig.adapters.persistence.crypto;

/**
 * Seals secrets before they are stored and opens them when they are read back, so that the
 * database only ever holds sealed values. The empty string (no secret) stays empty both ways.
 *
 * <p>The {@code context} is authenticated but not stored (AEAD associated data): a sealed value
 * opens only with the context it was sealed with, so it cannot be copied to another row or column
 * and still be accepted.
 */
public interface SecretCipher {

    /** Seals {@code plain} bound to {@code context}; {@code ""} gives {@code ""}. */
    String seal(String plain, String context);

    /**
     * Opens what {@link #seal(String, String)} gave for the same context; {@code ""} gives {@code ""}.
     *
     * @throws SealedValueException when the value was sealed with another key or context, or was altered
     */
    String open(String sealed, String context);

    /** Seals with no context. */
    default String seal(String plain) {
        return seal(plain, "");
    }

    /** Opens a value sealed with no context. */
    default String open(String sealed) {
        return open(sealed, "");
    }
}
