package org.proxyconfig.domain;

import java.util.List;
import java.util.Objects;

/**
 * A route's own proxy: the proxy fields of the main configuration (type, url, username, password,
 * timeout, skip_tls_verify, ca_cert_pem, fallback_urls, fallback_cooldown) under the same rules, checked by {@link ProxyConfigRules}
 * so that the rules live in one place. Always valid and always has an address: a route that wants
 * no proxy says {@code direct}. The password is a {@link Secret}, redacted in {@code toString}.
 * Field names in errors are relative to this object ({@code url}); {@link ProxyRoutes.Builder}
 * adds {@code routes[i].via.} in front.
 */
public final class RouteProxy {

    private final ProxyType type;
    private final String url;
    private final String username;
    private final Secret password;
    private final int timeoutSeconds;
    private final boolean skipTlsVerify;
    private final String caCertPem;
    private final List<String> fallbackUrls;
    private final int fallbackCooldownSeconds;
    private final ProxyList proxies;

    private RouteProxy(Builder b) {
        if (b.url.isEmpty()) {
            // The main object's reason would say "or set enabled to false", which a route does not have.
            throw new InvalidFieldException("url", ProxyConfigRules.URL_REQUIRED,
                    "is required for a route's own proxy; give an address such as http://proxy.corp:3128,"
                            + " or route via \"direct\" or \"default\"");
        }
        ProxyConfigRules.Parsed parsed = ProxyConfigRules.check(
                true, b.type, b.url, b.username, b.password, "", b.timeoutSeconds, b.caCertPem);
        this.type = b.type;
        this.url = b.url;
        this.username = b.username;
        this.password = b.password;
        this.timeoutSeconds = b.timeoutSeconds;
        this.skipTlsVerify = b.skipTlsVerify;
        this.caCertPem = b.caCertPem;
        this.fallbackUrls = b.fallbackUrls;
        this.fallbackCooldownSeconds = b.fallbackCooldownSeconds;
        this.proxies = ProxyConfigRules.proxies(b.type, parsed.endpoint(), b.fallbackUrls, b.fallbackCooldownSeconds)
                .orElseThrow();
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this proxy's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().type(type).url(url).username(username).password(password).timeoutSeconds(timeoutSeconds)
                .skipTlsVerify(skipTlsVerify).caCertPem(caCertPem).fallbackUrls(fallbackUrls)
                .fallbackCooldownSeconds(fallbackCooldownSeconds);
    }

    public ProxyType type() { return type; }

    /** The URL as given; {@link #endpoint()} is what it means. */
    public String url() { return url; }

    public String username() { return username; }

    public Secret password() { return password; }

    /** As given: 0 means the default ({@link #effectiveTimeoutSeconds()}). */
    public int timeoutSeconds() { return timeoutSeconds; }

    /** The connect + handshake timeout in force, with the main object's default. */
    public int effectiveTimeoutSeconds() {
        return timeoutSeconds == 0 ? ProxyConfig.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    public boolean skipTlsVerify() { return skipTlsVerify; }

    public String caCertPem() { return caCertPem; }

    /** More proxies of the same type and credentials, tried in order when the url's cannot be used. */
    public List<String> fallbackUrls() { return fallbackUrls; }

    /** How long, in seconds, a proxy of this list that could not be used is set aside. */
    public int fallbackCooldownSeconds() { return fallbackCooldownSeconds; }

    /** The parsed address of {@code url}. */
    public ProxyEndpoint endpoint() { return proxies.primary(); }

    /** The url's proxy then the fallbacks, in the order they are tried. */
    public ProxyList proxies() { return proxies; }

    /**
     * The same party for the stored-password guard: same type and user, and no host that
     * {@code stored}'s list (url and fallbacks) lacks (a port may change).
     */
    boolean sameParty(RouteProxy stored) {
        return type == stored.type && username.equals(stored.username) && stored.proxies.coversHostsOf(proxies);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteProxy other && type == other.type && url.equals(other.url)
                && username.equals(other.username) && password.equals(other.password)
                && timeoutSeconds == other.timeoutSeconds && skipTlsVerify == other.skipTlsVerify
                && caCertPem.equals(other.caCertPem) && fallbackUrls.equals(other.fallbackUrls)
                && fallbackCooldownSeconds == other.fallbackCooldownSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, url, username, password, timeoutSeconds, skipTlsVerify, caCertPem, fallbackUrls,
                fallbackCooldownSeconds);
    }

    /** Wire names, the password as {@value Secret#REDACTED}: a route may be logged. */
    @Override
    public String toString() {
        return "RouteProxy[type=" + type.wireName() + ", url=" + url + ", username=" + username
                + ", password=" + password.redacted() + ", timeout=" + timeoutSeconds
                + ", skip_tls_verify=" + skipTlsVerify + ", ca_cert_pem=" + (caCertPem.isEmpty() ? "" : "(PEM)")
                + ", fallback_urls=" + fallbackUrls + ", fallback_cooldown=" + fallbackCooldownSeconds + "]";
    }

    /** Collects the fields; {@link #build()} checks them all at once, fields in wire order. */
    public static final class Builder {

        private ProxyType type = ProxyType.HTTP;
        private String url = "";
        private String username = "";
        private Secret password = Secret.NONE;
        private int timeoutSeconds;
        private boolean skipTlsVerify;
        private String caCertPem = "";
        private List<String> fallbackUrls = List.of();
        private int fallbackCooldownSeconds = ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS;

        private Builder() {
        }

        public Builder type(ProxyType type) { this.type = Objects.requireNonNull(type, "type"); return this; }

        public Builder url(String url) { this.url = Objects.requireNonNull(url, "url"); return this; }

        public Builder username(String username) { this.username = Objects.requireNonNull(username, "username"); return this; }

        /** {@code Secret.of("<redacted>")} asks {@link ProxyRoutes.Builder} to keep a stored password. */
        public Builder password(Secret password) { this.password = Objects.requireNonNull(password, "password"); return this; }

        public Builder timeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; return this; }

        public Builder skipTlsVerify(boolean skipTlsVerify) { this.skipTlsVerify = skipTlsVerify; return this; }

        public Builder caCertPem(String caCertPem) { this.caCertPem = Objects.requireNonNull(caCertPem, "caCertPem"); return this; }

        /** More proxy URLs of the same type, tried in order when the url's proxy cannot be used; never direct. */
        public Builder fallbackUrls(List<String> fallbackUrls) {
            this.fallbackUrls = List.copyOf(Objects.requireNonNull(fallbackUrls, "fallbackUrls"));
            return this;
        }

        /** 1 to 86,400 s; {@value ProxyConfigRules#DEFAULT_FALLBACK_COOLDOWN_SECONDS} by default. */
        public Builder fallbackCooldownSeconds(int seconds) { this.fallbackCooldownSeconds = seconds; return this; }

        boolean keepsStoredPassword() { return Secret.REDACTED.equals(password.reveal()); }

        /** @throws InvalidFieldException naming the first broken field, relative to the proxy ({@code url}) */
        public RouteProxy build() { return new RouteProxy(this); }
    }
}
