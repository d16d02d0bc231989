package org.proxyconfig.domain;

import java.util.Objects;

/**
 * One field of a configuration breaks a rule. The message reads "field: reason" and never
 * contains a secret: a reason may quote what was wrong, never the password.
 */
public final class InvalidFieldException extends ProxyConfigError {

    private final String field;
    private final String code;
    private final String reason;

    public InvalidFieldException(String field, String code, String reason) {
        super(field + ": " + reason);
        this.field = Objects.requireNonNull(field);
        this.code = Objects.requireNonNull(code);
        this.reason = Objects.requireNonNull(reason);
    }

    /** The wire name of the offending field, e.g. {@code no_proxy}. */
    public String field() { return field; }

    @Override public String code() { return code; }

    /** Why it was refused, in words a person can act on. */
    public String reason() { return reason; }

    /**
     * The same rejection for a field nested in a larger body, e.g. {@code url} of a route's proxy
     * becomes {@code routes[3].via.url}: the rules stay in one place, the name says where.
     */
    public InvalidFieldException within(String prefix) {
        return new InvalidFieldException(prefix + field, code, reason);
    }

    /** The same rejection under another field name: a rule reused for a field of another name. */
    InvalidFieldException renamed(String newField) {
        return new InvalidFieldException(newField, code, reason);
    }
}
