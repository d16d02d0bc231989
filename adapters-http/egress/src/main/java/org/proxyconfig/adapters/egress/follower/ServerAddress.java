package org.proxyconfig.adapters.egress.follower;

import java.net.URI;
import java.util.Locale;

/**
 * The follower's server address, checked once: https, or plain http to a loopback host only (a
 * sidecar terminating TLS, tests), since the egress token would otherwise cross the network in
 * clear; nothing but scheme, host, port and a path prefix.
 */
final class ServerAddress {

    private ServerAddress() {
    }

    static URI checked(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("base must be an https:// URL, got " + base.getScheme());
        }
        if (base.getHost() == null) throw new IllegalArgumentException("base has no host");
        if (base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("base must be scheme://host[:port][/path] only");
        }
        if (scheme.equals("http") && !loopback(base.getHost())) {
            throw new IllegalArgumentException("base must be https:// (plain http only for a loopback host): the token would cross the network in clear");
        }
        return base;
    }

    /** By name only: a loopback check must not wait on DNS. */
    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
