package org.proxyconfig.domain;

/**
 * A parsed proxy address: how to reach the proxy. {@code host} is lower-case, IPv6 without
 * brackets; {@code port} is explicit or the type's default.
 *
 * @param scheme        the effective scheme: http, https, socks5, socks5h or tcp
 * @param host          the proxy host name or IP literal
 * @param port          1..65535
 */
public record ProxyEndpoint(String scheme, String host, int port) {

    /** {@code scheme://host:port}, IPv6 in brackets; never contains credentials. */
    public String toUrl() {
        return scheme + "://" + authority();
    }

    /** {@code host:port}, IPv6 in brackets. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** True when the connection to the proxy itself is TLS ({@code https://}). */
    public boolean tlsToProxy() {
        return scheme.equals("https");
    }

    /** True for {@code socks5h}: the proxy, not this process, resolves target names. */
    public boolean proxyResolvesNames() {
        return scheme.equals("socks5h");
    }
}
