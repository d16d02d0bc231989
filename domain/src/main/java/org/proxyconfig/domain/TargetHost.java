package org.proxyconfig.domain;

import java.util.Locale;

/**
 * The host of an outbound request, checked before any routing rule looks at it: a name, or an IP
 * literal (IPv6 with or without brackets). A host that does not parse is an error, never a guess.
 * Names keep the caller's string (no copy, no lower-casing); a trailing FQDN dot is excluded from
 * {@code [nameFrom, nameTo)}. An IPv4-mapped IPv6 address is held as its IPv4 address.
 */
final class TargetHost {

    final String host;
    final int nameFrom;
    final int nameTo;
    final IpAddress ip; // null for a name

    private TargetHost(String host, int nameFrom, int nameTo, IpAddress ip) {
        this.host = host;
        this.nameFrom = nameFrom;
        this.nameTo = nameTo;
        this.ip = ip;
    }

    /** @throws InvalidTargetException when {@code host} is not a host name or IP literal */
    static TargetHost parse(String host) {
        if (host == null || host.isEmpty()) throw new InvalidTargetException("the host is empty");
        int length = host.length();
        if (host.charAt(0) == '[') {
            IpAddress ip = length > 2 && host.charAt(length - 1) == ']' ? IpAddress.parseV6(host, 1, length - 1) : null;
            if (ip == null) throw invalid(host, "is not a valid bracketed IPv6 address");
            return new TargetHost(host, 1, length - 1, ip.unmapped());
        }
        if (host.indexOf(':') >= 0) {
            IpAddress ip = IpAddress.parseV6(host, 0, length);
            if (ip == null) throw invalid(host, "is not a valid IPv6 address (and a host name has no ':')");
            return new TargetHost(host, 0, length, ip.unmapped());
        }
        int to = length > 1 && host.charAt(length - 1) == '.' ? length - 1 : length;
        if (HostNames.looksLikeIpv4(host, 0, to)) {
            IpAddress ip = IpAddress.parseV4(host, 0, to);
            if (ip == null) {
                throw invalid(host, "is not a valid IPv4 address (four numbers 0..255, no leading zeros)");
            }
            return new TargetHost(host, 0, to, ip);
        }
        String problem = HostNames.problem(host, 0, to, false);
        if (problem != null) throw invalid(host, "is not a valid host name: " + problem);
        return new TargetHost(host, 0, to, null);
    }

    /** @throws InvalidTargetException when {@code port} is outside 1..65535 */
    static int checkPort(int port) {
        if (port < 1 || port > 65535) throw new InvalidTargetException("port " + port + " is outside 1..65535");
        return port;
    }

    /**
     * The always-direct hosts (docs/decisions/0003-url-and-no-proxy-semantics.md): {@code localhost} and every {@code *.localhost} name (RFC 6761
     * reserves them for loopback), loopback, link-local and unspecified addresses, and the cloud
     * metadata hosts. Sending them to a proxy would reach the proxy's own machine or metadata
     * service instead of ours.
     */
    boolean isAlwaysDirect() {
        if (ip != null) return ip.isLoopback() || ip.isLinkLocal() || ip.isMetadata() || ip.isUnspecified();
        return nameIs("localhost") || nameEndsWith(".localhost")
                || nameIs("metadata") || nameIs("metadata.google.internal");
    }

    /** The host as a rule shows it: lower-case, without brackets or trailing dot. */
    String display() {
        return host.substring(nameFrom, nameTo).toLowerCase(Locale.ROOT);
    }

    private boolean nameIs(String name) {
        return nameTo - nameFrom == name.length() && host.regionMatches(true, nameFrom, name, 0, name.length());
    }

    private boolean nameEndsWith(String suffix) {
        int length = suffix.length();
        return nameTo - nameFrom > length && host.regionMatches(true, nameTo - length, suffix, 0, length);
    }

    private static InvalidTargetException invalid(String host, String why) {
        return new InvalidTargetException("host '" + HostNames.quote(host) + "' " + why);
    }
}
