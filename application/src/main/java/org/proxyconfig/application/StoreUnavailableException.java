package org.proxyconfig.application;

/**
 * The store could not be reached or failed mid-transaction: a technical failure, not a rejection.
 * Its message is for the log; callers answer with a generic "unavailable".
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
