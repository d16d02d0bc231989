package org.proxyconfig.domain;

/**
 * Answers "which entry, first in list order, exempts this target?" for a parsed no_proxy list.
 * Two answers to the same question: {@link NoProxyList} scans the entries, {@link NoProxyIndex}
 * looks them up by hash; {@link NoProxyRules} picks one by the list's length. Targets arrive
 * already validated and in pieces (a name region, address bits) so that no call allocates.
 */
interface NoProxyMatcher {

    /** What a look-up returns when no entry matches; the largest int, so that {@code min} picks a match. */
    int NONE = Integer.MAX_VALUE;

    /**
     * The first entry for the valid host name {@code host[from, to)}, in any case, on {@code port};
     * or NONE. {@code lowerCase} says that the region has no capital letter, so that names can be
     * compared as they are, which is several times faster than without case.
     */
    int name(String host, int from, int to, boolean lowerCase, int port);

    /** The first entry for the IPv4 address in the low 32 bits of {@code bits}, or NONE. */
    int v4(long bits, int port);

    /** The first entry for the IPv6 address {@code hi:lo} (not IPv4-mapped), or NONE. */
    int v6(long hi, long lo, int port);

    /** The first entry for an already validated target, or NONE. */
    default int target(TargetHost target, int port) {
        IpAddress ip = target.ip;
        if (ip == null) {
            return name(target.host, target.nameFrom, target.nameTo, false, port);
        }
        return ip.v4 ? v4(ip.lo, port) : v6(ip.hi, ip.lo, port);
    }
}
