package org.proxyconfig.adapters.persistence.crypto;

/**
 * The encryption key cannot be used: malformed, of the wrong length, or kept in a file others may
 * read. A startup failure; the message says what to fix and never contains the key.
 */
public final class InvalidEncryptionKeyException extends RuntimeException {

    public InvalidEncryptionKeyException(String message) {
        super(message);
    }

    public InvalidEncryptionKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
