package org.proxyconfig.domain;

/**
 * The syntax of DNS host names, checked by hand (no lookup, no regex). Two strengths: the proxy
 * URL's host is strict (RFC 1123: letters, digits, inner hyphens); a target host and a no_proxy
 * name also allow {@code _} and hyphens anywhere, because real internal names have them and a
 * target the HTTP client can reach must not become an error here.
 */
final class HostNames {

    static final int MAX_NAME_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {}

    /**
     * Why {@code s[from, to)} is not a host name, or null when it is one. The range must not
     * include a trailing FQDN dot.
     */
    static String problem(CharSequence s, int from, int to, boolean strict) {
        if (from == to) return "it is empty";
        if (to - from > MAX_NAME_LENGTH) return "it is longer than " + MAX_NAME_LENGTH + " characters";
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0) return "it has an empty label (two dots in a row, or a leading dot)";
                if (length > MAX_LABEL_LENGTH) return "a label is longer than " + MAX_LABEL_LENGTH + " characters";
                if (strict && (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-')) {
                    return "a label starts or ends with '-'";
                }
                labelStart = i + 1;
            } else if (c == ' ') {
                return "it contains a space";
            } else if (c > 0x7F) {
                return "it has a non-ASCII character; write an international name in its punycode (xn--) form";
            } else if (!(isLetterOrDigit(c) || c == '-' || (!strict && c == '_'))) {
                return "it has the character '" + printable(c) + "'; a host name holds letters, digits, '-'"
                        + (strict ? "" : ", '_'") + " and dots";
            }
        }
        return null;
    }

    /**
     * True when {@code s[from, to)} is meant as an IPv4 address: its last label is a number
     * (decimal, or hex {@code 0x..}). Such a host is never taken as a name (WHATWG URL does the
     * same), so {@code 1.2.3.999} is an invalid address, not a name.
     */
    static boolean looksLikeIpv4(CharSequence s, int from, int to) {
        int start = from;
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == '.') { start = i + 1; break; }
        }
        if (start == to) return false;
        if (to - start >= 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x') {
            for (int i = start + 2; i < to; i++) if (IpAddress.hexValue(s.charAt(i)) < 0) return false;
            return true;
        }
        for (int i = start; i < to; i++) if (!IpAddress.isDigit(s.charAt(i))) return false;
        return true;
    }

    static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A character shown in an error: control characters as U+XXXX so they cannot break a log line. */
    static String printable(char c) {
        return ProxyConfigRules.isControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    /** A user's text quoted in an error, cut to a readable length and stripped of control characters. */
    static String quote(String text) {
        int limit = 80;
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 1);
        for (int i = 0; i < text.length() && i < limit; i++) {
            char c = text.charAt(i);
            out.append(ProxyConfigRules.isControl(c) ? '?' : c);
        }
        if (text.length() > limit) out.append('…');
        return out.toString();
    }
}
