package org.proxyconfig.adapters.persistence;

/**
 * The database could not be opened or migrated at startup. The message names the location (the
 * JDBC URL without its parameters or credentials) and the reason, never a password.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
