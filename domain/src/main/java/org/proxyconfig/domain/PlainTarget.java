package org.proxyconfig.domain;

/**
 * The fast path of a routing decision: recognises, in one pass over the string and without
 * allocating, the targets nearly every request has, a valid host name or dotted-quad IPv4
 * address that is not an always-direct host. Anything else (IPv6, brackets, a host that does not
 * parse, one that may be always direct) is {@link #NOT_PLAIN} and takes the full path through
 * {@link TargetHost}, which gives the precise error or the always-direct decision.
 *
 * <p>So this class only ever says "plain" for a host {@link TargetHost#parse} accepts the same
 * way and {@link TargetHost#isAlwaysDirect} does not claim; {@code PlainTargetTest} holds it to
 * that. It exists because validating the host with {@link HostNames#problem} took as long as the
 * whole linear scan of a 10-entry list (docs/PERFORMANCE.md §1).
 */
final class PlainTarget {

    /** The result for a host the fast path leaves to {@link TargetHost}. */
    static final long NOT_PLAIN = -1;

    // A plain result in one long, so nothing is allocated: bit 48 set for a name (bits 32..40:
    // where it ends, before any trailing dot; bit 50 when it has no capital letter), bit 49 for an
    // IPv4 address (bits 0..31: the address).
    private static final long NAME = 1L << 48;
    private static final long IPV4 = 1L << 49;
    private static final long LOWER_CASE = 1L << 50;
    private static final long LOW_BITS = 0xFFFF_FFFFL;

    /**
     * Each ASCII character of a target host name lower-cased, or 0 where a name may not have it:
     * letters, digits, '-', '_' (the lenient rule of HostNames) and '.'. One load both checks and
     * folds a character.
     */
    private static final byte[] FOLDED = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (HostNames.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') FOLDED[c] = (byte) NoProxyRules.lower(c);
        }
    }

    private PlainTarget() {}

    /** A plain result for {@code host}, or {@link #NOT_PLAIN}. */
    static long scan(String host) {
        if (host == null) return NOT_PLAIN;
        int length = host.length();
        int to = length > 1 && host.charAt(length - 1) == '.' ? length - 1 : length;
        if (to == 0 || to > HostNames.MAX_NAME_LENGTH) return NOT_PLAIN;
        int labelStart = 0;
        boolean lowerCase = true;
        for (int i = 0; i < to; i++) {
            char c = host.charAt(i);
            int folded = c < 128 ? FOLDED[c] : 0;
            if (folded == 0) return NOT_PLAIN;
            lowerCase &= folded == c;
            if (folded == '.') {
                if (!labelLengthOk(i - labelStart)) return NOT_PLAIN;
                labelStart = i + 1;
            }
        }
        if (!labelLengthOk(to - labelStart)) return NOT_PLAIN;
        // A host whose last label is a number is meant as an IPv4 address, never as a name.
        if (IpAddress.isDigit(host.charAt(labelStart)) && HostNames.looksLikeIpv4(host, 0, to)) return address(host, to);
        if (mayBeAlwaysDirect(host, labelStart, to)) return NOT_PLAIN;
        return NAME | (lowerCase ? LOWER_CASE : 0) | (long) to << 32;
    }

    static boolean isName(long plain) { return (plain & NAME) != 0; }

    /** Whether the name of a plain name result has no capital letter. */
    static boolean isLowerCase(long plain) { return (plain & LOWER_CASE) != 0; }

    /** Where the name of a plain name result ends (it starts at 0). */
    static int nameEnd(long plain) { return (int) (plain >>> 32) & 0x1FF; }

    /** The address of a plain IPv4 result, in the low 32 bits. */
    static long v4Bits(long plain) { return plain & LOW_BITS; }

    private static boolean labelLengthOk(int length) {
        return length > 0 && length <= HostNames.MAX_LABEL_LENGTH;
    }

    private static long address(String host, int to) {
        IpAddress ip = IpAddress.parseV4(host, 0, to);
        if (ip == null) return NOT_PLAIN;
        // The same address predicates TargetHost.isAlwaysDirect asks.
        if (ip.isLoopback() || ip.isLinkLocal() || ip.isMetadata() || ip.isUnspecified()) return NOT_PLAIN;
        return IPV4 | ip.lo;
    }

    /**
     * A cheap superset of the always-direct names ({@code localhost}, {@code *.localhost},
     * {@code metadata}, {@code metadata.google.internal}): a last label {@code localhost} or a
     * host that starts with {@code metadata}. Those few go the full path, where TargetHost decides.
     */
    private static boolean mayBeAlwaysDirect(String host, int lastLabel, int to) {
        return to - lastLabel == 9 && host.regionMatches(true, lastLabel, "localhost", 0, 9)
                || (host.charAt(0) | 0x20) == 'm' && host.regionMatches(true, 0, "metadata", 0, 8);
    }
}
