package org.proxyconfig.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.proxyconfig.domain.NoProxyEntry.IpRange;

/**
 * The IP and CIDR entries of one address family in {@link NoProxyIndex}: one open-addressing
 * table per prefix length in use, so an address costs one probe per distinct length (at most 33
 * for IPv4, 129 for IPv6) however many ranges there are.
 */
final class NoProxyPrefixTables {

    private static final int NONE = NoProxyMatcher.NONE;

    private final int[] lengths;
    private final long[][] his;
    private final long[][] los;
    private final NoProxyPorts[][] ports;

    private NoProxyPrefixTables(int[] lengths, long[][] his, long[][] los, NoProxyPorts[][] ports) {
        this.lengths = lengths;
        this.his = his;
        this.los = los;
        this.ports = ports;
    }

    private record Network(long hi, long lo) {}

    /** Collects the ranges of one family, then {@link #build()} freezes them. */
    static final class Builder {
        private final Map<Integer, Map<Network, NoProxyPorts>> byLength = new TreeMap<>();

        void add(IpRange entry, int index) {
            IpAddress network = entry.network();
            byLength.computeIfAbsent(entry.prefix(), k -> new HashMap<>())
                    .computeIfAbsent(new Network(network.hi, network.lo), k -> new NoProxyPorts())
                    .add(entry.port(), index);
        }

        NoProxyPrefixTables build() {
            int tables = byLength.size();
            int[] lengths = new int[tables];
            long[][] his = new long[tables][];
            long[][] los = new long[tables][];
            NoProxyPorts[][] ports = new NoProxyPorts[tables][];
            int t = 0;
            for (Map.Entry<Integer, Map<Network, NoProxyPorts>> table : byLength.entrySet()) {
                Map<Network, NoProxyPorts> networks = table.getValue();
                int capacity = Integer.highestOneBit(networks.size() * 2 + 1) * 2;
                lengths[t] = table.getKey();
                his[t] = new long[capacity];
                los[t] = new long[capacity];
                ports[t] = new NoProxyPorts[capacity];
                for (Map.Entry<Network, NoProxyPorts> e : networks.entrySet()) {
                    long hi = e.getKey().hi();
                    long lo = e.getKey().lo();
                    int slot = NoProxyNameTable.spread(hashOf(hi, lo)) & (capacity - 1);
                    while (ports[t][slot] != null) slot = (slot + 1) & (capacity - 1);
                    his[t][slot] = hi;
                    los[t][slot] = lo;
                    ports[t][slot] = e.getValue().freeze();
                }
                t++;
            }
            return new NoProxyPrefixTables(lengths, his, los, ports);
        }
    }

    /** The first entry for the IPv4 address in the low 32 bits of {@code bits}, or NONE. */
    int v4(long bits, int port) {
        int best = NONE;
        for (int t = 0; t < lengths.length; t++) {
            best = Math.min(best, probe(t, 0, IpAddress.maskV4(bits, lengths[t]), port));
        }
        return best;
    }

    /** The first entry for the IPv6 address {@code hi:lo}, or NONE. */
    int v6(long hi, long lo, int port) {
        int best = NONE;
        for (int t = 0; t < lengths.length; t++) {
            best = Math.min(best, probe(t, IpAddress.maskHi(hi, lengths[t]), IpAddress.maskLo(lo, lengths[t]), port));
        }
        return best;
    }

    private int probe(int table, long hi, long lo, int port) {
        long[] hiSlots = his[table];
        long[] loSlots = los[table];
        NoProxyPorts[] portSlots = ports[table];
        int mask = portSlots.length - 1;
        for (int slot = NoProxyNameTable.spread(hashOf(hi, lo)) & mask; portSlots[slot] != null; slot = (slot + 1) & mask) {
            if (hiSlots[slot] == hi && loSlots[slot] == lo) return portSlots[slot].indexFor(port);
        }
        return NONE;
    }

    private static int hashOf(long hi, long lo) { return Long.hashCode(hi * 0x9E3779B97F4A7C15L ^ lo); }
}
