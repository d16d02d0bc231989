package org.proxyconfig.adapters.http.security;

import java.util.Optional;

/**
 * Which role may make which request, and over which transport (docs/decisions/0011-the-egress-role.md).
 * The effective configuration holds the proxy password in clear, so it goes only to the egress
 * role, only over TLS (or, if the operator allows it, to a sidecar on loopback), and the egress
 * role reaches nothing else: a leaked egress token reads no history and changes nothing, and an
 * admin's token never reads the password.
 */
final class AccessRules {

    static final String EFFECTIVE_PATH = "/api/proxy-config/effective";

    private final boolean plaintextLoopbackForEgress;

    /** @param plaintextLoopbackForEgress whether a loopback client may read the effective configuration over plain HTTP */
    AccessRules(boolean plaintextLoopbackForEgress) {
        this.plaintextLoopbackForEgress = plaintextLoopbackForEgress;
    }

    static boolean isEffective(String path) {
        return path.equals(EFFECTIVE_PATH) || path.startsWith(EFFECTIVE_PATH + "/");
    }

    /** Why a request for {@code path} cannot be served over this connection, before anyone is asked for credentials. */
    Optional<String> transportRefusal(String path, boolean secure, boolean loopback) {
        if (!isEffective(path) || secure || (loopback && plaintextLoopbackForEgress)) return Optional.empty();
        return Optional.of("the effective configuration holds the proxy password and is served only over HTTPS: "
                + "set PROXY_CONFIG_TLS_CERT and PROXY_CONFIG_TLS_KEY, or, for a sidecar on this host, "
                + "PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK=true");
    }

    /** Why {@code role} may not make this request, if it may not. */
    Optional<String> roleRefusal(Role role, String method, String path) {
        boolean reads = method.equals("GET") || method.equals("HEAD");
        if (isEffective(path)) {
            return role == Role.EGRESS ? Optional.empty()
                    : Optional.of("only the egress role may read the effective configuration, which holds the "
                            + "proxy password; the " + role.wireName() + " role reads GET /api/proxy-config");
        }
        return switch (role) {
            case ADMIN -> Optional.empty();
            case VIEWER -> reads ? Optional.empty()
                    : Optional.of("the viewer role may only read; " + method + " needs the admin role");
            case EGRESS -> Optional.of("the egress role may read only GET " + EFFECTIVE_PATH + " (and /health)");
        };
    }
}
