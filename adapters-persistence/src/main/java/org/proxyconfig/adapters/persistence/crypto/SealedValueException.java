package org.proxyconfig.adapters.persistence.crypto;

/**
 * A sealed value cannot be opened: it was sealed with another key or context, was altered, or is
 * not in a known format. The message never contains the value, sealed or plain.
 */
public final class SealedValueException extends RuntimeException {

    public SealedValueException(String message) {
        super(message);
    }
}
