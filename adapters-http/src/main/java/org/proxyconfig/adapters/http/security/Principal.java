package org.proxyconfig.adapters.http.security;

import java.util.Objects;

/**
 * An authenticated caller. {@code name} is what the history and the audit log show: a
 * credential's label or a user name, never the credential itself.
 */
public record Principal(String name, Role role) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
