package org.proxyconfig.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of one proxy setting — {@code type}, {@code url}, {@code username}, {@code password},
 * {@code timeout}, {@code skip_tls_verify}, {@code ca_cert_pem}, {@code fallback_urls},
 * {@code fallback_cooldown} — shared by the main configuration ({@link ProxyConfig}) and a route's
 * own proxy ({@link RouteProxy}), so that each field, its accessor and its builder method are
 * written once, and both follow the same {@link ProxyConfigRules}. The password is a {@link Secret}.
 */
public abstract sealed class ProxySetting permits ProxyConfig, RouteProxy {

    private final ProxyType type;
    private final String url;
    private final String username;
    private final Secret password;
    private final int timeoutSeconds;
    private final boolean skipTlsVerify;
    private final String caCertPem;
    private final List<String> fallbackUrls;
    private final int fallbackCooldownSeconds;

    ProxySetting(Builder<?> b) {
        this.type = b.type;
        this.url = b.url;
        this.username = b.username;
        this.password = b.password;
        this.timeoutSeconds = b.timeoutSeconds;
        this.skipTlsVerify = b.skipTlsVerify;
        this.caCertPem = b.caCertPem;
        this.fallbackUrls = b.fallbackUrls;
        this.fallbackCooldownSeconds = b.fallbackCooldownSeconds;
    }

    public ProxyType type() { return type; }

    /** The proxy URL as given (empty when none); the parsed address is the first of its proxy list. */
    public String url() { return url; }

    public String username() { return username; }

    public Secret password() { return password; }

    /** The connect + handshake timeout as given: 0 means the default ({@link #effectiveTimeoutSeconds()}). */
    public int timeoutSeconds() { return timeoutSeconds; }

    /** The connect + handshake timeout in force: 0 means {@value ProxyConfig#DEFAULT_TIMEOUT_SECONDS} s. */
    public int effectiveTimeoutSeconds() {
        return timeoutSeconds == 0 ? ProxyConfig.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    public boolean skipTlsVerify() { return skipTlsVerify; }

    /** Extra CA certificates (PEM) trusted for TLS to the proxy and to targets through it, or empty. */
    public String caCertPem() { return caCertPem; }

    /** More proxies of the same type and credentials, tried in order when the url's cannot be used. */
    public List<String> fallbackUrls() { return fallbackUrls; }

    /** How long, in seconds, a proxy of the list that could not be used is set aside. */
    public int fallbackCooldownSeconds() { return fallbackCooldownSeconds; }

    /** Sets these fields on {@code builder}: the shared half of a {@code toBuilder()}. */
    <B extends Builder<B>> B copyInto(B builder) {
        return builder.type(type).url(url).username(username).password(password).timeoutSeconds(timeoutSeconds)
                .skipTlsVerify(skipTlsVerify).caCertPem(caCertPem).fallbackUrls(fallbackUrls)
                .fallbackCooldownSeconds(fallbackCooldownSeconds);
    }

    /**
     * Collects the shared fields; the subclass's builder adds its own and checks them all at once.
     *
     * @param <B> the subclass's builder, returned by every setter
     */
    public abstract static sealed class Builder<B extends Builder<B>> permits ProxyConfig.Builder, RouteProxy.Builder {

        ProxyType type = ProxyType.HTTP;
        String url = "";
        String username = "";
        Secret password = Secret.NONE;
        int timeoutSeconds;
        boolean skipTlsVerify;
        String caCertPem = "";
        List<String> fallbackUrls = List.of();
        int fallbackCooldownSeconds = ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS;

        Builder() {
        }

        abstract B self();

        public B type(ProxyType type) { this.type = Objects.requireNonNull(type, "type"); return self(); }

        /** {@code scheme://host:port} or {@code host:port}; empty for none. */
        public B url(String url) { this.url = Objects.requireNonNull(url, "url"); return self(); }

        public B username(String username) { this.username = Objects.requireNonNull(username, "username"); return self(); }

        /** {@code Secret.of("<redacted>")} asks the resolver of a client's update to keep the stored password. */
        public B password(Secret password) { this.password = Objects.requireNonNull(password, "password"); return self(); }

        /** 0 to 3600; 0 means {@value ProxyConfig#DEFAULT_TIMEOUT_SECONDS} s. */
        public B timeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; return self(); }

        public B skipTlsVerify(boolean skipTlsVerify) { this.skipTlsVerify = skipTlsVerify; return self(); }

        public B caCertPem(String caCertPem) { this.caCertPem = Objects.requireNonNull(caCertPem, "caCertPem"); return self(); }

        /** More proxy URLs of the same type, tried in order when the url's proxy cannot be used; never direct. */
        public B fallbackUrls(List<String> fallbackUrls) {
            this.fallbackUrls = List.copyOf(Objects.requireNonNull(fallbackUrls, "fallbackUrls"));
            return self();
        }

        /** 1 to 86,400 s; {@value ProxyConfigRules#DEFAULT_FALLBACK_COOLDOWN_SECONDS} by default. */
        public B fallbackCooldownSeconds(int seconds) { this.fallbackCooldownSeconds = seconds; return self(); }

        /** The rules of every field but the fallbacks', in wire order: what they parse. */
        ProxyConfigRules.Parsed check(boolean enabled, String noProxy) {
            return ProxyConfigRules.check(enabled, type, url, username, password, noProxy, timeoutSeconds, caCertPem);
        }

        /** The fallbacks' rules, last in wire order: the url's proxy then the fallbacks. */
        Optional<ProxyList> proxies(Optional<ProxyEndpoint> parsedUrl) {
            return ProxyConfigRules.proxies(type, parsedUrl, fallbackUrls, fallbackCooldownSeconds);
        }
    }
}
