package org.proxyconfig.adapters.egress;

import java.util.Locale;

/** Small host-string helpers: brackets, IP literals, authority form. */
final class Hosts {

    private Hosts() {
    }

    /** {@code [::1]} becomes {@code ::1}; anything else is returned as is. */
    static String unbracket(String host) {
        return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isIpLiteral(String host) {
        String h = unbracket(host);
        if (h.indexOf(':') >= 0) return true;
        if (h.isEmpty()) return false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    static String stripDot(String host) {
        return host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
    }

    /** {@code host:port}, IPv6 in brackets: what CONNECT and the Host header carry. */
    static String authority(String host, int port) {
        String h = unbracket(host);
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h.toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
