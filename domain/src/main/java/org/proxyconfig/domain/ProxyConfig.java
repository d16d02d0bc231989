package org.proxyconfig.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The global outbound proxy configuration (docs/openapi.yaml, {@code ProxyConfig}). Always valid:
 * {@link Builder#build()} enforces every rule of {@link ProxyConfigRules}, and what the rules
 * parse is kept — the proxy's {@link ProxyEndpoint} and the {@link NoProxyRules} — so a value of
 * this type is trusted, and never parsed again, wherever it travels. The password is a
 * {@link Secret} and is redacted in {@code toString}.
 *
 * <pre>{@code
 * ProxyConfig config = ProxyConfig.builder()
 *         .enabled(true).url("http://proxy.corp:3128")
 *         .username("gateway").password(Secret.of(password))
 *         .noProxy("localhost,.internal.example").enableForInference(true)
 *         .fallbackUrls(List.of("http://proxy2.corp:3128"))
 *         .build();
 * }</pre>
 */
public final class ProxyConfig {

    /** Used when {@code timeoutSeconds} is 0. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** What a store that holds nothing answers, and what omitted fields become. */
    public static final ProxyConfig DEFAULTS = builder().build();

    private final boolean enabled;
    private final ProxyType type;
    private final String url;
    private final String username;
    private final Secret password;
    private final NoProxyRules noProxy;
    private final int timeoutSeconds;
    private final boolean skipTlsVerify;
    private final boolean enableForScim;
    private final boolean enableForInference;
    private final boolean enableForApi;
    private final String caCertPem;
    private final List<String> fallbackUrls;
    private final int fallbackCooldownSeconds;
    private final Optional<ProxyEndpoint> endpoint;
    private final Optional<ProxyList> proxies;

    private ProxyConfig(Builder b) {
        ProxyConfigRules.Parsed parsed = ProxyConfigRules.check(
                b.enabled, b.type, b.url, b.username, b.password, b.noProxy, b.timeoutSeconds, b.caCertPem);
        this.enabled = b.enabled;
        this.type = b.type;
        this.url = b.url;
        this.username = b.username;
        this.password = b.password;
        this.noProxy = parsed.noProxy();
        this.timeoutSeconds = b.timeoutSeconds;
        this.skipTlsVerify = b.skipTlsVerify;
        this.enableForScim = b.enableForScim;
        this.enableForInference = b.enableForInference;
        this.enableForApi = b.enableForApi;
        this.caCertPem = b.caCertPem;
        this.fallbackUrls = b.fallbackUrls;
        this.fallbackCooldownSeconds = b.fallbackCooldownSeconds;
        this.endpoint = parsed.endpoint();
        this.proxies = ProxyConfigRules.proxies(b.type, parsed.endpoint(), b.fallbackUrls, b.fallbackCooldownSeconds);
    }

    /** A builder at the defaults: every switch off, type http, a 60 s fallback cool-down, everything else empty or 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).type(type).url(url).username(username).password(password)
                .noProxy(noProxy()).timeoutSeconds(timeoutSeconds).skipTlsVerify(skipTlsVerify)
                .enableForScim(enableForScim).enableForInference(enableForInference).enableForApi(enableForApi)
                .caCertPem(caCertPem).fallbackUrls(fallbackUrls).fallbackCooldownSeconds(fallbackCooldownSeconds);
    }

    public boolean enabled() { return enabled; }

    public ProxyType type() { return type; }

    /** The proxy URL as given (empty when none); {@link #endpoint()} is what it means. */
    public String url() { return url; }

    public String username() { return username; }

    public Secret password() { return password; }

    /** The no_proxy list, normalized: lower-case, no blanks, one comma between entries. */
    public String noProxy() { return noProxy.normalized(); }

    /** The parsed no_proxy list the routing decision consults. */
    public NoProxyRules noProxyRules() { return noProxy; }

    /** The connect + handshake timeout as given: 0 means the default ({@link #effectiveTimeoutSeconds()}). */
    public int timeoutSeconds() { return timeoutSeconds; }

    public boolean skipTlsVerify() { return skipTlsVerify; }

    public boolean enableForScim() { return enableForScim; }

    public boolean enableForInference() { return enableForInference; }

    public boolean enableForApi() { return enableForApi; }

    /** Extra CA certificates (PEM) trusted for TLS to the proxy and targets, or empty. */
    public String caCertPem() { return caCertPem; }

    /** More proxies of the same type and credentials, tried in order when the url's cannot be used. */
    public List<String> fallbackUrls() { return fallbackUrls; }

    /** How long, in seconds, a proxy that could not be used is set aside. */
    public int fallbackCooldownSeconds() { return fallbackCooldownSeconds; }

    /** The parsed proxy address of {@code url}, or empty when {@code url} is empty. */
    public Optional<ProxyEndpoint> endpoint() {
        return endpoint;
    }

    /** The url's proxy then the fallbacks, in the order they are tried; empty when {@code url} is empty. */
    public Optional<ProxyList> proxies() {
        return proxies;
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

    /** Equal when every field's wire value is: what a client would see as the same configuration. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ProxyConfig other)) return false;
        for (ConfigField field : ConfigField.values()) {
            if (!field.valueIn(this).equals(field.valueIn(other))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (ConfigField field : ConfigField.values()) hash = 31 * hash + field.shownIn(this).hashCode();
        return hash;
    }

    /** Every field by wire name, the password as {@value Secret#REDACTED}: a configuration may be logged. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ProxyConfig[");
        for (ConfigField field : ConfigField.values()) {
            if (field.ordinal() > 0) s.append(", ");
            s.append(field.wireName()).append('=').append(field.shownIn(this));
        }
        return s.append(']').toString();
    }

    /** Collects the fields of a configuration; {@link #build()} checks them all at once. */
    public static final class Builder {

        private boolean enabled;
        private ProxyType type = ProxyType.HTTP;
        private String url = "";
        private String username = "";
        private Secret password = Secret.NONE;
        private String noProxy = "";
        private int timeoutSeconds;
        private boolean skipTlsVerify;
        private boolean enableForScim;
        private boolean enableForInference;
        private boolean enableForApi;
        private String caCertPem = "";
        private List<String> fallbackUrls = List.of();
        private int fallbackCooldownSeconds = ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS;

        private Builder() {
        }

        /** The master switch: off, every request goes direct. */
        public Builder enabled(boolean enabled) { this.enabled = enabled; return this; }

        public Builder type(ProxyType type) { this.type = Objects.requireNonNull(type, "type"); return this; }

        /** {@code scheme://host:port} or {@code host:port}; empty for none. */
        public Builder url(String url) { this.url = Objects.requireNonNull(url, "url"); return this; }

        public Builder username(String username) { this.username = Objects.requireNonNull(username, "username"); return this; }

        public Builder password(Secret password) { this.password = Objects.requireNonNull(password, "password"); return this; }

        /** Comma-separated hosts, {@code .suffix}es, CIDR ranges and {@code host:port}s that go direct. */
        public Builder noProxy(String noProxy) { this.noProxy = Objects.requireNonNull(noProxy, "noProxy"); return this; }

        /** 0 to 3600; 0 means {@value ProxyConfig#DEFAULT_TIMEOUT_SECONDS} s. */
        public Builder timeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; return this; }

        public Builder skipTlsVerify(boolean skipTlsVerify) { this.skipTlsVerify = skipTlsVerify; return this; }

        public Builder enableForScim(boolean on) { this.enableForScim = on; return this; }

        public Builder enableForInference(boolean on) { this.enableForInference = on; return this; }

        public Builder enableForApi(boolean on) { this.enableForApi = on; return this; }

        /** Turns one purpose's switch on or off. */
        public Builder enableFor(Purpose purpose, boolean on) {
            return switch (purpose) {
                case SCIM -> enableForScim(on);
                case INFERENCE -> enableForInference(on);
                case API -> enableForApi(on);
            };
        }

        public Builder caCertPem(String caCertPem) { this.caCertPem = Objects.requireNonNull(caCertPem, "caCertPem"); return this; }

        /** More proxy URLs of the same type, tried in order when the url's proxy cannot be used; never direct. */
        public Builder fallbackUrls(List<String> fallbackUrls) {
            this.fallbackUrls = List.copyOf(Objects.requireNonNull(fallbackUrls, "fallbackUrls"));
            return this;
        }

        /** 1 to 86,400 s; {@value ProxyConfigRules#DEFAULT_FALLBACK_COOLDOWN_SECONDS} by default. */
        public Builder fallbackCooldownSeconds(int seconds) { this.fallbackCooldownSeconds = seconds; return this; }

        /**
         * @throws InvalidFieldException naming the first field, in wire order, that breaks a rule
         */
        public ProxyConfig build() {
            return new ProxyConfig(this);
        }
    }
}
