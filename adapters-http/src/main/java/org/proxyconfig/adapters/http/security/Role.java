package org.proxyconfig.adapters.http.security;

/** What a caller may do: viewers read, admins read and write (docs/decisions/0006-api-security.md). */
public enum Role {
    VIEWER, ADMIN;

    /** Whether this role may make a request with the given HTTP method. */
    public boolean mayUse(String method) {
        return this == ADMIN || method.equals("GET") || method.equals("HEAD");
    }
}
