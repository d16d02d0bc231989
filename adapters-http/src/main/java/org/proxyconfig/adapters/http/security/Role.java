package org.proxyconfig.adapters.http.security;

/**
 * What a caller may do (docs/decisions/0006-api-security.md, 0011-the-egress-role.md): viewers
 * read, admins read and write; the egress role, for machines that apply the configuration, reads
 * the effective configuration and nothing else.
 */
public enum Role {
    VIEWER, ADMIN, EGRESS;

    /** The name the API shows ({@code /api/whoami}, messages). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
