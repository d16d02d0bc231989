package org.proxyconfig.domain;

import java.util.Objects;

/**
 * A route's own proxy: the proxy fields of the main configuration ({@link ProxySetting}) under the
 * same rules, checked by {@link ProxyConfigRules} so that the rules live in one place. Always valid and always has an address: a route that wants
 * no proxy says {@code direct}. The password is a {@link Secret}, redacted in {@code toString}.
 * Field names in errors are relative to this object ({@code url}); {@link ProxyRoutes.Builder}
 * adds {@code routes[i].via.} in front.
 */
public final class RouteProxy extends ProxySetting {

    private final ProxyList proxies;

    private RouteProxy(Builder b, ProxyConfigRules.Parsed parsed) {
        super(b);
        this.proxies = b.proxies(parsed.endpoint()).orElseThrow();
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this proxy's values, to change some of them. */
    public Builder toBuilder() {
        return copyInto(new Builder());
    }

    /** The parsed address of {@code url}. */
    public ProxyEndpoint endpoint() { return proxies.primary(); }

    /** The url's proxy then the fallbacks, in the order they are tried. */
    public ProxyList proxies() { return proxies; }

    /**
     * The same party for the stored-password guard: same type and user, and no host that
     * {@code stored}'s list (url and fallbacks) lacks (a port may change).
     */
    boolean sameParty(RouteProxy stored) {
        return type() == stored.type() && username().equals(stored.username()) && stored.proxies.coversHostsOf(proxies);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteProxy other && type() == other.type() && url().equals(other.url())
                && username().equals(other.username()) && password().equals(other.password())
                && timeoutSeconds() == other.timeoutSeconds() && skipTlsVerify() == other.skipTlsVerify()
                && caCertPem().equals(other.caCertPem()) && fallbackUrls().equals(other.fallbackUrls())
                && fallbackCooldownSeconds() == other.fallbackCooldownSeconds();
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), url(), username(), password(), timeoutSeconds(), skipTlsVerify(), caCertPem(),
                fallbackUrls(), fallbackCooldownSeconds());
    }

    /** Wire names, the password as {@value Secret#REDACTED}: a route may be logged. */
    @Override
    public String toString() {
        return "RouteProxy[type=" + type().wireName() + ", url=" + url() + ", username=" + username()
                + ", password=" + password().redacted() + ", timeout=" + timeoutSeconds()
                + ", skip_tls_verify=" + skipTlsVerify() + ", ca_cert_pem=" + (caCertPem().isEmpty() ? "" : "(PEM)")
                + ", fallback_urls=" + fallbackUrls() + ", fallback_cooldown=" + fallbackCooldownSeconds() + "]";
    }

    /** Collects the fields; {@link #build()} checks them all at once, fields in wire order. */
    public static final class Builder extends ProxySetting.Builder<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        boolean keepsStoredPassword() { return Secret.REDACTED.equals(password.reveal()); }

        /** @throws InvalidFieldException naming the first broken field, relative to the proxy ({@code url}) */
        public RouteProxy build() {
            if (url.isEmpty()) {
                // The main object's reason would say "or set enabled to false", which a route does not have.
                throw new InvalidFieldException("url", ProxyConfigRules.URL_REQUIRED,
                        "is required for a route's own proxy; give an address such as http://proxy.corp:3128,"
                                + " or route via \"direct\" or \"default\"");
            }
            return new RouteProxy(this, check(true, ""));
        }
    }
}
