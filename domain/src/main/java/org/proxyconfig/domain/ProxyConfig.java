package org.proxyconfig.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The global outbound proxy configuration (SPEC §1). Always valid: the constructor enforces every
 * rule of SPEC §2 and §4 and normalizes {@code noProxy}, so a value of this type can be trusted
 * wherever it travels. The password is a {@link Secret} and is redacted in {@code toString}.
 */
public record ProxyConfig(
        boolean enabled,
        ProxyType type,
        String url,
        String username,
        Secret password,
        String noProxy,
        int timeoutSeconds,
        boolean skipTlsVerify,
        boolean enableForScim,
        boolean enableForInference,
        boolean enableForApi,
        String caCertPem) {

    /** What a store that holds nothing answers, and what omitted fields become. */
    public static final ProxyConfig DEFAULTS = new ProxyConfig(
            false, ProxyType.HTTP, "", "", Secret.NONE, "", 0, false, false, false, false, "");

    /** Used when {@code timeoutSeconds} is 0. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public ProxyConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(noProxy, "noProxy");
        Objects.requireNonNull(caCertPem, "caCertPem");
        ProxyConfigRules.check(enabled, type, url, username, password, noProxy, timeoutSeconds, caCertPem);
        noProxy = NoProxyRules.parse(noProxy).normalized();
    }

    /** The parsed proxy address, or empty when {@code url} is empty. */
    public Optional<ProxyEndpoint> endpoint() {
        return url.isEmpty() ? Optional.empty() : Optional.of(ProxyUrl.parse(type, url));
    }

    /** The connect + handshake timeout in force: 0 means {@value #DEFAULT_TIMEOUT_SECONDS} s. */
    public int effectiveTimeoutSeconds() {
        return timeoutSeconds == 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    /** Whether the switch of that purpose is on (the master switch is not consulted). */
    public boolean enabledFor(Purpose purpose) {
        return switch (purpose) {
            case SCIM -> enableForScim;
            case INFERENCE -> enableForInference;
            case API -> enableForApi;
        };
    }
}
