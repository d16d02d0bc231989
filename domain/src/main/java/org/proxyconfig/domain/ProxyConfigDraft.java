package org.proxyconfig.domain;

import java.util.Objects;

/**
 * A configuration as a client sent it, before any rule was checked: the body of a PUT, a draft in
 * a dry run, or a restored revision. Omitted fields are already their defaults here; the password
 * is the plain text sent, which may be the literal {@value Secret#REDACTED} meaning "keep".
 * {@code timeout} is a {@code long} so that an out-of-range number reaches the range rule intact.
 */
public record ProxyConfigDraft(
        boolean enabled,
        String type,
        String url,
        String username,
        String password,
        String noProxy,
        long timeout,
        boolean skipTlsVerify,
        boolean enableForScim,
        boolean enableForInference,
        boolean enableForApi,
        String caCertPem) {

    public ProxyConfigDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(noProxy, "noProxy");
        Objects.requireNonNull(caCertPem, "caCertPem");
    }

    /** Every field at its SPEC §1 default: what an empty JSON object means. */
    public static ProxyConfigDraft defaults() {
        return of(ProxyConfig.DEFAULTS);
    }

    /** The draft that would recreate {@code config}, its password in plain text. */
    public static ProxyConfigDraft of(ProxyConfig config) {
        return new ProxyConfigDraft(config.enabled(), config.type().wireName(), config.url(),
                config.username(), config.password().reveal(), config.noProxy(), config.timeoutSeconds(),
                config.skipTlsVerify(), config.enableForScim(), config.enableForInference(),
                config.enableForApi(), config.caCertPem());
    }

    /** True when the client asked to keep the stored password rather than set one. */
    public boolean keepsStoredPassword() {
        return password.equals(Secret.REDACTED);
    }

    /**
     * Turns this draft into a valid configuration that replaces {@code stored}.
     * {@value Secret#REDACTED} keeps the stored password, but only for the same proxy: keeping it
     * while the type or host changes would send the old secret to a new party (SPEC §7), so the
     * caller must then enter the password again.
     *
     * @throws InvalidFieldException naming the first field, in SPEC §1 order, that breaks a rule
     */
    public ProxyConfig resolveAgainst(ProxyConfig stored) {
        Secret password = keepsStoredPassword() ? stored.password() : Secret.of(this.password);
        ProxyType proxyType = ProxyType.fromWire(type);
        // Clamping keeps an out-of-range value out of range, so the range rule still reports it.
        int timeoutSeconds = (int) Math.clamp(timeout, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ProxyConfig resolved = new ProxyConfig(enabled, proxyType, url, username, password, noProxy,
                timeoutSeconds, skipTlsVerify, enableForScim, enableForInference, enableForApi, caCertPem);
        if (keepsStoredPassword() && stored.password().isSet() && !sameProxyParty(stored, resolved)) {
            throw new InvalidFieldException("password", "password_required",
                    "the proxy type or host changed: enter the password again instead of '"
                            + Secret.REDACTED + "', so the stored one is never sent to a new proxy");
        }
        return resolved;
    }

    /** Like the record's own, but the password shows as {@value Secret#REDACTED}: a draft may be logged. */
    @Override
    public String toString() {
        return "ProxyConfigDraft[enabled=" + enabled + ", type=" + type + ", url=" + url
                + ", username=" + username + ", password=" + Secret.of(password).redacted()
                + ", noProxy=" + noProxy + ", timeout=" + timeout + ", skipTlsVerify=" + skipTlsVerify
                + ", enableForScim=" + enableForScim + ", enableForInference=" + enableForInference
                + ", enableForApi=" + enableForApi + ", caCertPem=" + caCertPem + "]";
    }

    private static boolean sameProxyParty(ProxyConfig a, ProxyConfig b) {
        return a.type() == b.type()
                && a.endpoint().map(ProxyEndpoint::host).equals(b.endpoint().map(ProxyEndpoint::host));
    }
}
