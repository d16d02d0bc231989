package org.proxyconfig.domain;

import org.proxyconfig.domain.NoProxyEntry.AnyHost;
import org.proxyconfig.domain.NoProxyEntry.HostName;
import org.proxyconfig.domain.NoProxyEntry.IpRange;
import org.proxyconfig.domain.NoProxyEntry.Reach;

/**
 * The grammar of one {@code no_proxy} entry (docs/decisions/0003-url-and-no-proxy-semantics.md,
 * the grammar itself in {@link NoProxyRules}): turns a trimmed, lower-cased entry into a typed
 * {@link NoProxyEntry}, or refuses it with a message that names the entry and says how to fix it.
 */
final class NoProxyParser {

    static final String FIELD = "no_proxy";

    private NoProxyParser() {}

    /** @throws InvalidFieldException field {@code no_proxy}, code {@value NoProxyRules#CODE} */
    static NoProxyEntry parse(String entry) {
        if (entry.startsWith("[")) return bracketed(entry);
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            String address = entry.substring(0, slash);
            String length = entry.substring(slash + 1);
            int port = 0;
            int colon = length.indexOf(':');
            if (colon >= 0) {
                port = port(entry, length.substring(colon + 1));
                length = length.substring(0, colon);
            }
            IpAddress ip = address.indexOf(':') >= 0 ? v6(entry, address) : v4(entry, address);
            return range(entry, ip, prefix(entry, length, ip), port);
        }
        int colons = count(entry, ':');
        if (colons >= 2) return range(entry, v6(entry, entry), -1, 0);
        if (colons == 1) {
            int colon = entry.indexOf(':');
            return host(entry, entry.substring(0, colon), port(entry, entry.substring(colon + 1)));
        }
        return host(entry, entry, 0);
    }

    /** {@code [v6]}, {@code [v6/prefix]}, either with {@code :port} after the bracket. */
    private static NoProxyEntry bracketed(String entry) {
        int close = entry.indexOf(']');
        if (close < 0) throw bad(entry, "has '[' without ']'");
        String after = entry.substring(close + 1);
        int port = 0;
        if (!after.isEmpty()) {
            if (after.charAt(0) != ':') throw bad(entry, "has text after ']'; only ':port' may follow");
            port = port(entry, after.substring(1));
        }
        String inside = entry.substring(1, close);
        int slash = inside.indexOf('/');
        IpAddress ip = v6(entry, slash < 0 ? inside : inside.substring(0, slash));
        return range(entry, ip, slash < 0 ? -1 : prefix(entry, inside.substring(slash + 1), ip), port);
    }

    private static NoProxyEntry host(String entry, String host, int port) {
        if (host.equals("*")) return new AnyHost(port);
        Reach reach;
        String name;
        if (host.startsWith("*.")) {
            reach = Reach.SUBDOMAINS_ONLY;
            name = host.substring(2);
        } else if (host.startsWith(".")) {
            reach = Reach.WITH_SUBDOMAINS;
            name = host.substring(1);
        } else {
            reach = Reach.EXACT;
            name = host;
        }
        if (name.indexOf('*') >= 0) {
            throw bad(entry, "has '*' in the wrong place; '*' is allowed alone or as a '*.' prefix,"
                    + " e.g. *.example.com");
        }
        if (name.endsWith(".") && name.length() > 1) name = name.substring(0, name.length() - 1);
        if (HostNames.looksLikeIpv4(name, 0, name.length())) {
            // Names are never matched against addresses textually, so ".0.0.1" cannot mean "*.0.0.1".
            if (reach != Reach.EXACT) {
                throw bad(entry, "ends in a number, so it cannot be a domain suffix; for a range of"
                        + " addresses use a CIDR such as 10.0.0.0/8");
            }
            return range(entry, v4(entry, host), -1, port);
        }
        String problem = HostNames.problem(name, 0, name.length(), false);
        if (problem != null) throw bad(entry, "is not a host name, IP, CIDR or '*': " + problem);
        return new HostName(name, reach, port);
    }

    /** {@code prefix} -1 means a single address. */
    private static NoProxyEntry range(String entry, IpAddress ip, int prefix, int port) {
        int length = prefix < 0 ? ip.maxPrefix() : prefix;
        IpAddress network = ip.masked(length);
        if (!network.equals(ip)) {
            // Refused rather than masked as curl and Go do: bits after the prefix are usually a typo.
            throw bad(entry, "has bits set after the /" + length + " prefix; did you mean "
                    + network.toText() + "/" + length + "?");
        }
        IpAddress unmapped = ip.unmapped();
        if (unmapped != ip && length >= 96) return new IpRange(unmapped, length - 96, port);
        return new IpRange(ip, length, port);
    }

    private static IpAddress v4(String entry, String text) {
        IpAddress ip = IpAddress.parseV4(text, 0, text.length());
        if (ip == null) {
            throw bad(entry, "is not a valid IPv4 address; write four numbers 0..255 without leading zeros");
        }
        return ip;
    }

    private static IpAddress v6(String entry, String text) {
        IpAddress ip = IpAddress.parseV6(text, 0, text.length());
        if (ip == null) {
            throw bad(entry, "is not a valid IPv6 address; an IPv6 address with a port is written"
                    + " [address]:port, e.g. [::1]:80");
        }
        return ip;
    }

    private static int prefix(String entry, String text, IpAddress ip) {
        boolean digits = !text.isEmpty() && text.length() <= 3 && !(text.length() > 1 && text.charAt(0) == '0');
        for (int i = 0; i < text.length() && digits; i++) digits = IpAddress.isDigit(text.charAt(i));
        int value = digits ? Integer.parseInt(text) : -1;
        if (value < 0 || value > ip.maxPrefix()) {
            throw bad(entry, "has prefix length '" + HostNames.quote(text) + "'; "
                    + (ip.v4 ? "IPv4 allows 0..32" : "IPv6 allows 0..128"));
        }
        return value;
    }

    private static int port(String entry, String text) {
        boolean digits = !text.isEmpty() && text.length() <= 5;
        for (int i = 0; i < text.length() && digits; i++) digits = IpAddress.isDigit(text.charAt(i));
        int value = digits ? Integer.parseInt(text) : -1;
        if (value < 1 || value > 65535) {
            throw bad(entry, "has port '" + HostNames.quote(text) + "'; a port is a number from 1 to 65535");
        }
        return value;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    static InvalidFieldException bad(String entry, String why) {
        return new InvalidFieldException(FIELD, NoProxyRules.CODE, "entry '" + HostNames.quote(entry) + "' " + why);
    }
}
