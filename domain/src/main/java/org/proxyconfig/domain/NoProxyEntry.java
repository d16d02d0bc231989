package org.proxyconfig.domain;

/**
 * One parsed {@code no_proxy} entry, typed by what it matches; {@link NoProxyParser} makes them
 * and both matchers ({@link NoProxyList}, {@link NoProxyIndex}) are built from them, so the
 * grammar is read in one place only. {@code port} is 0 for "any port", else the only port the
 * entry applies to ({@code .corp:8443}).
 */
sealed interface NoProxyEntry {

    int port();

    /** {@code *} or {@code *:port}: every host. */
    record AnyHost(int port) implements NoProxyEntry {}

    /**
     * A host name entry; {@code name} is lower-case, without the {@code .} or {@code *.} prefix
     * and without a trailing dot.
     */
    record HostName(String name, Reach reach, int port) implements NoProxyEntry {}

    /**
     * An IP literal or CIDR range: {@code network} has no bits set after {@code prefix}. A range
     * written as IPv4-mapped IPv6 ({@code ::ffff:10.0.0.0/104}) is held as the IPv4 range, because
     * targets are unmapped the same way.
     */
    record IpRange(IpAddress network, int prefix, int port) implements NoProxyEntry {}

    /** Which hosts a {@link HostName} entry covers. */
    enum Reach {
        /** {@code example.com}: that host only (Bifrost's reading; curl and Go add subdomains). */
        EXACT,
        /** {@code .example.com}: the host and every subdomain. */
        WITH_SUBDOMAINS,
        /** {@code *.example.com}: every subdomain, not the host itself. */
        SUBDOMAINS_ONLY;

        boolean coversTheNameItself() { return this != SUBDOMAINS_ONLY; }

        boolean coversSubdomains() { return this != EXACT; }
    }
}
