package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import org.proxyconfig.domain.NoProxyEntry.AnyHost;
import org.proxyconfig.domain.NoProxyEntry.HostName;
import org.proxyconfig.domain.NoProxyEntry.IpRange;

/**
 * The matcher for short lists (real ones have 5 to 30 entries): the entries in list order, tried
 * one after the other, so the first that matches is the answer and the walk stops there. Below a
 * few dozen entries a handful of length and mask comparisons costs less than hashing every label
 * of the host, which is what {@link NoProxyIndex} must do. Names and addresses are kept apart
 * (a name target never looks at an address entry, docs/decisions/0003), each in flat arrays.
 */
final class NoProxyList implements NoProxyMatcher {

    /** {@link #nameLengths} of a {@code *} entry: it matches every name. */
    private static final int ANY = -1;

    // Name side: every "*" and host-name entry, in list order.
    private final int[] nameIndexes;
    private final int[] namePorts;      // 0: any port
    private final int[] nameLengths;    // ANY for "*"
    private final String[] names;
    private final byte[] reaches;       // ITSELF and/or SUBDOMAINS

    // Address side: every "*" and IP/CIDR entry, in list order.
    private final int[] addressIndexes;
    private final int[] addressPorts;
    private final byte[] families;      // 4, 6, or 0 for "*" (either)
    private final long[] ranges;        // per entry: mask hi, mask lo, network hi, network lo

    private static final byte ITSELF = 1;
    private static final byte SUBDOMAINS = 2;

    NoProxyList(List<NoProxyEntry> entries) {
        List<Integer> nameSide = new ArrayList<>();
        List<Integer> addressSide = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            NoProxyEntry entry = entries.get(i);
            if (!(entry instanceof IpRange)) nameSide.add(i);
            if (!(entry instanceof HostName)) addressSide.add(i);
        }
        nameIndexes = nameSide.stream().mapToInt(Integer::intValue).toArray();
        namePorts = new int[nameIndexes.length];
        nameLengths = new int[nameIndexes.length];
        names = new String[nameIndexes.length];
        reaches = new byte[nameIndexes.length];
        for (int k = 0; k < nameIndexes.length; k++) {
            NoProxyEntry entry = entries.get(nameIndexes[k]);
            namePorts[k] = entry.port();
            nameLengths[k] = ANY;
            if (entry instanceof HostName name) {
                names[k] = name.name();
                nameLengths[k] = name.name().length();
                reaches[k] = (byte) ((name.reach().coversTheNameItself() ? ITSELF : 0)
                        | (name.reach().coversSubdomains() ? SUBDOMAINS : 0));
            }
        }
        addressIndexes = addressSide.stream().mapToInt(Integer::intValue).toArray();
        addressPorts = new int[addressIndexes.length];
        families = new byte[addressIndexes.length];
        ranges = new long[4 * addressIndexes.length];
        for (int k = 0; k < addressIndexes.length; k++) {
            NoProxyEntry entry = entries.get(addressIndexes[k]);
            addressPorts[k] = entry.port();
            if (entry instanceof IpRange range) {
                IpAddress network = range.network();
                families[k] = (byte) (network.v4 ? 4 : 6);
                // All ones masked by the prefix: the bits an address must share with the network.
                IpAddress mask = (network.v4 ? IpAddress.ofV4(-1L) : IpAddress.ofV6(-1L, -1L)).masked(range.prefix());
                System.arraycopy(new long[] {mask.hi, mask.lo, network.hi, network.lo}, 0, ranges, 4 * k, 4);
            }
        }
    }

    @Override
    public int name(String host, int from, int to, boolean lowerCase, int port) {
        int length = to - from;
        // The common case, a lower-case host that is the whole string: equals and endsWith, which the
        // JIT compiles to a few vector compares, instead of regionMatches.
        boolean plain = lowerCase && from == 0 && to == host.length();
        for (int k = 0; k < nameIndexes.length; k++) {
            int wanted = namePorts[k];
            if (wanted != 0 && wanted != port) continue;
            int entryLength = nameLengths[k];
            if (entryLength == length && (reaches[k] & ITSELF) != 0) {
                if (plain ? host.equals(names[k]) : host.regionMatches(!lowerCase, from, names[k], 0, length)) {
                    return nameIndexes[k];
                }
            } else if (entryLength < length && (entryLength == ANY || (reaches[k] & SUBDOMAINS) != 0
                    && host.charAt(to - entryLength - 1) == '.'
                    && (plain ? host.endsWith(names[k]) : host.regionMatches(!lowerCase, to - entryLength, names[k], 0, entryLength)))) {
                return nameIndexes[k];
            }
        }
        return NONE;
    }

    @Override
    public int v4(long bits, int port) { return address(4, 0, bits, port); }

    @Override
    public int v6(long hi, long lo, int port) { return address(6, hi, lo, port); }

    private int address(int family, long hi, long lo, int port) {
        for (int k = 0; k < addressIndexes.length; k++) {
            int wanted = addressPorts[k];
            if (wanted != 0 && wanted != port) continue;
            int entryFamily = families[k];
            int r = 4 * k;
            if (entryFamily == 0 || entryFamily == family && (hi & ranges[r]) == ranges[r + 2] && (lo & ranges[r + 1]) == ranges[r + 3]) {
                return addressIndexes[k];
            }
        }
        return NONE;
    }
}
