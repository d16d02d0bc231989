package org.proxyconfig.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP literal, parsed by hand so that the domain never performs a DNS lookup. IPv4 is strict
 * dotted-quad only ({@code a.b.c.d}, no leading zeros, no hex or single-number forms): the lenient
 * forms some resolvers accept ({@code 0177.0.0.1}, {@code 2130706433}) are how SSRF filters are
 * bypassed, so they are refused rather than guessed at.
 *
 * <p>An IPv4 address keeps its 32 bits in the low bits of {@code lo}; an IPv6 address is
 * {@code hi:lo}, 128 bits.
 */
final class IpAddress {

    private static final long V4_MAPPED_PREFIX = 0xFFFFL; // ::ffff:0:0/96, bits 32..47 of lo

    final boolean v4;
    final long hi;
    final long lo;

    private IpAddress(boolean v4, long hi, long lo) {
        this.v4 = v4;
        this.hi = hi;
        this.lo = lo;
    }

    static IpAddress ofV4(long bits) { return new IpAddress(true, 0, bits & 0xFFFF_FFFFL); }

    static IpAddress ofV6(long hi, long lo) { return new IpAddress(false, hi, lo); }

    /** Parses {@code s[from, to)} as strict dotted-quad IPv4, or returns null. */
    static IpAddress parseV4(CharSequence s, int from, int to) {
        long bits = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) return null;
            bits = (bits << 8) | value;
            parts++;
            if (i == to) break;
            if (s.charAt(i) != '.' || parts == 4) return null;
            i++;
        }
        return parts == 4 ? ofV4(bits) : null;
    }

    /**
     * Parses {@code s[from, to)} as an IPv6 address (RFC 4291 text forms, with {@code ::} and a
     * trailing dotted-quad), or returns null. Zone ids ({@code %eth0}) are not accepted.
     */
    static IpAddress parseV6(CharSequence s, int from, int to) {
        if (to - from < 2) return null;
        int[] groups = new int[8];
        int n = 0;
        int compressedAt = -1;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') return null;
            compressedAt = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int value = 0;
            int digit;
            while (i < to && i - start < 4 && (digit = hexValue(s.charAt(i))) >= 0) {
                value = value * 16 + digit;
                i++;
            }
            if (i < to && s.charAt(i) == '.') { // a trailing dotted quad holds the last 32 bits
                if (n > 6) return null;
                IpAddress quad = parseV4(s, start, to);
                if (quad == null) return null;
                groups[n++] = (int) (quad.lo >>> 16);
                groups[n++] = (int) (quad.lo & 0xFFFF);
                i = to;
                break;
            }
            if (i == start || n == 8) return null;
            groups[n++] = value;
            if (i == to) break;
            if (s.charAt(i) != ':') return null;
            i++;
            if (i == to) return null; // a single trailing colon
            if (s.charAt(i) == ':') {
                if (compressedAt >= 0) return null; // "::" at most once
                compressedAt = n;
                i++;
            }
        }
        if (compressedAt < 0 && n != 8) return null;
        if (compressedAt >= 0 && n > 7) return null;
        int[] full = new int[8];
        if (compressedAt < 0) {
            full = groups;
        } else {
            int tail = n - compressedAt;
            System.arraycopy(groups, 0, full, 0, compressedAt);
            System.arraycopy(groups, compressedAt, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) hi = (hi << 16) | full[g];
        for (int g = 4; g < 8; g++) lo = (lo << 16) | full[g];
        return ofV6(hi, lo);
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it carries. */
    IpAddress unmapped() {
        return !v4 && hi == 0 && (lo >>> 32) == V4_MAPPED_PREFIX ? ofV4(lo) : this;
    }

    int maxPrefix() { return v4 ? 32 : 128; }

    /** This address with every bit after the first {@code prefix} cleared. */
    IpAddress masked(int prefix) {
        if (v4) return ofV4(prefix == 0 ? 0 : lo & (0xFFFF_FFFFL << (32 - prefix)));
        return ofV6(maskHi(hi, prefix), maskLo(lo, prefix));
    }

    static long maskHi(long hi, int prefix) {
        if (prefix == 0) return 0;
        return prefix >= 64 ? hi : hi & (-1L << (64 - prefix));
    }

    static long maskLo(long lo, int prefix) {
        if (prefix <= 64) return 0;
        return lo & (-1L << (128 - prefix));
    }

    static long maskV4(long bits, int prefix) {
        return prefix == 0 ? 0 : bits & (0xFFFF_FFFFL << (32 - prefix));
    }

    boolean inV4(long network, int prefix) { return v4 && maskV4(lo, prefix) == network; }

    boolean inV6(long networkHi, long networkLo, int prefix) {
        return !v4 && maskHi(hi, prefix) == networkHi && maskLo(lo, prefix) == networkLo;
    }

    /** 0.0.0.0/8 or {@code ::}: "this host", never a real destination. */
    boolean isUnspecified() {
        IpAddress a = unmapped();
        return a.v4 ? a.inV4(0, 8) : a.hi == 0 && a.lo == 0;
    }

    /** 127.0.0.0/8 or {@code ::1}. */
    boolean isLoopback() {
        IpAddress a = unmapped();
        return a.v4 ? a.inV4(0x7F00_0000L, 8) : a.hi == 0 && a.lo == 1;
    }

    /** 169.254.0.0/16 or fe80::/10. */
    boolean isLinkLocal() {
        IpAddress a = unmapped();
        return a.v4 ? a.inV4(0xA9FE_0000L, 16) : a.inV6(0xFE80_0000_0000_0000L, 0, 10);
    }

    /** A cloud metadata address outside the link-local ranges: Alibaba's and AWS's IPv6 one. */
    boolean isMetadata() {
        IpAddress a = unmapped();
        return a.v4 ? a.lo == 0x6464_64C8L // 100.100.100.200
                : a.hi == 0xFD00_0EC2_0000_0000L && a.lo == 0x254; // fd00:ec2::254
    }

    /** Conventional text form, for suggestions in error messages. */
    String toText() {
        byte[] bytes = new byte[v4 ? 4 : 16];
        if (v4) {
            for (int b = 0; b < 4; b++) bytes[b] = (byte) (lo >>> (24 - 8 * b));
        } else {
            for (int b = 0; b < 8; b++) {
                bytes[b] = (byte) (hi >>> (56 - 8 * b));
                bytes[b + 8] = (byte) (lo >>> (56 - 8 * b));
            }
        }
        try {
            return compressV6(InetAddress.getByAddress(bytes).getHostAddress()); // no lookup: bytes given
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Shortens the longest run of ":0:" groups of Java's full IPv6 form to "::" (RFC 5952). */
    private static String compressV6(String text) {
        if (text.indexOf(':') < 0) return text;
        String[] groups = text.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < groups.length; ) {
            if (!groups[g].equals("0")) { g++; continue; }
            int start = g;
            while (g < groups.length && groups[g].equals("0")) g++;
            if (g - start > bestLength) { bestStart = start; bestLength = g - start; }
        }
        if (bestStart < 0) return text;
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    @Override public boolean equals(Object o) {
        return o instanceof IpAddress other && v4 == other.v4 && hi == other.hi && lo == other.lo;
    }

    @Override public int hashCode() { return Long.hashCode(hi * 31 + lo) * 2 + (v4 ? 1 : 0); }

    @Override public String toString() { return toText(); }

    static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
