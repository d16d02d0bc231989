package org.proxyconfig.domain;

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
public final class ProxyConfig extends ProxySetting {

    /** Used when {@code timeoutSeconds} is 0. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    /** What a store that holds nothing answers, and what omitted fields become. */
    public static final ProxyConfig DEFAULTS = builder().build();

    private final boolean enabled;
    private final NoProxyRules noProxy;
    private final boolean enableForScim;
    private final boolean enableForInference;
    private final boolean enableForApi;
    private final Optional<ProxyEndpoint> endpoint;
    private final Optional<ProxyList> proxies;

    private ProxyConfig(Builder b, ProxyConfigRules.Parsed parsed) {
        super(b);
        this.enabled = b.enabled;
        this.noProxy = parsed.noProxy();
        this.enableForScim = b.enableForScim;
        this.enableForInference = b.enableForInference;
        this.enableForApi = b.enableForApi;
        this.endpoint = parsed.endpoint();
        this.proxies = b.proxies(parsed.endpoint());
    }

    /** A builder at the defaults: every switch off, type http, a 60 s fallback cool-down, everything else empty or 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        return copyInto(new Builder()).enabled(enabled).noProxy(noProxy()).enableForScim(enableForScim)
                .enableForInference(enableForInference).enableForApi(enableForApi);
    }

    public boolean enabled() { return enabled; }

    /** The no_proxy list, normalized: lower-case, no blanks, one comma between entries. */
    public String noProxy() { return noProxy.normalized(); }

    /** The parsed no_proxy list the routing decision consults. */
    public NoProxyRules noProxyRules() { return noProxy; }

    public boolean enableForScim() { return enableForScim; }

    public boolean enableForInference() { return enableForInference; }

    public boolean enableForApi() { return enableForApi; }

    /** The parsed proxy address of {@code url}, or empty when {@code url} is empty. */
    public Optional<ProxyEndpoint> endpoint() {
        return endpoint;
    }

    /** The url's proxy then the fallbacks, in the order they are tried; empty when {@code url} is empty. */
    public Optional<ProxyList> proxies() {
        return proxies;
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
    public static final class Builder extends ProxySetting.Builder<Builder> {

        private boolean enabled;
        private String noProxy = "";
        private boolean enableForScim;
        private boolean enableForInference;
        private boolean enableForApi;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The master switch: off, every request goes direct. */
        public Builder enabled(boolean enabled) { this.enabled = enabled; return this; }

        /** Comma-separated hosts, {@code .suffix}es, CIDR ranges and {@code host:port}s that go direct. */
        public Builder noProxy(String noProxy) { this.noProxy = Objects.requireNonNull(noProxy, "noProxy"); return this; }

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

        /**
         * @throws InvalidFieldException naming the first field, in wire order, that breaks a rule
         */
        public ProxyConfig build() {
            return new ProxyConfig(this, check(enabled, noProxy));
        }
    }
}
