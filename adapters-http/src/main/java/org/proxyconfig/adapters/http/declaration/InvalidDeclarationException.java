package org.proxyconfig.adapters.http.declaration;

/**
 * The declared configuration cannot be used: a startup error naming the source, the field and the
 * reason, never a value (the value may be a secret, or come from one).
 */
public final class InvalidDeclarationException extends RuntimeException {

    InvalidDeclarationException(String message) {
        super(message, null, false, false);
    }

    InvalidDeclarationException(String source, String field, String reason) {
        this("the declarative configuration " + source + " is invalid: " + field + ": " + stripField(field, reason));
    }

    /** Reasons from the API already start with "field: "; do not say it twice. */
    private static String stripField(String field, String reason) {
        return reason.startsWith(field + ": ") ? reason.substring(field.length() + 2) : reason;
    }
}
