package org.proxyconfig.application;

/**
 * The store answered, but cannot serve the request: a stored row no longer validates, a password
 * does not open with this instance's encryption key, or the database refuses our statements
 * (altered schema, missing privileges, a broken disk). Unlike {@link StoreUnavailableException},
 * retrying cannot help: its message (for the log, never holding a secret) says what is wrong and
 * what an operator should do.
 */
public final class StoreFaultException extends RuntimeException {

    public StoreFaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
