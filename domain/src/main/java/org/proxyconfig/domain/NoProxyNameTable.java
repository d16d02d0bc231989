package org.proxyconfig.domain;

import java.util.HashMap;
import java.util.Map;
import org.proxyconfig.domain.NoProxyEntry.HostName;
import org.proxyconfig.domain.NoProxyEntry.Reach;

/**
 * The name entries of {@link NoProxyIndex}: one open-addressing table keyed by the name, holding
 * for each name its exact, {@code .name} and {@code *.name} entries, so that each suffix of a
 * host costs one probe. The key's hash is {@link NoProxyRules#hashOf}, which the caller can roll
 * over any region of a host string: a look-up neither copies nor lower-cases the host.
 */
final class NoProxyNameTable {

    private static final int NONE = NoProxyMatcher.NONE;

    private final String[] keys;
    private final int[] hashes;
    private final NoProxyPorts[][] byReach;   // [reach ordinal][slot], null where that name has none
    private final int mask;

    private NoProxyNameTable(String[] keys, int[] hashes, NoProxyPorts[][] byReach) {
        this.keys = keys;
        this.hashes = hashes;
        this.byReach = byReach;
        this.mask = keys.length - 1;
    }

    /** Collects the name entries of a list, then {@link #build()} freezes them. */
    static final class Builder {
        private final Map<String, NoProxyPorts[]> names = new HashMap<>();

        void add(HostName entry, int index) {
            NoProxyPorts[] reaches = names.computeIfAbsent(entry.name(), k -> new NoProxyPorts[Reach.values().length]);
            int reach = entry.reach().ordinal();
            if (reaches[reach] == null) reaches[reach] = new NoProxyPorts();
            reaches[reach].add(entry.port(), index);
        }

        NoProxyNameTable build() {
            // Load factor at most 1/2: a miss usually stops at the first, empty, slot.
            int capacity = names.isEmpty() ? 1 : Integer.highestOneBit(names.size() * 2 + 1) * 2;
            String[] keys = new String[capacity];
            int[] hashes = new int[capacity];
            NoProxyPorts[][] byReach = new NoProxyPorts[Reach.values().length][capacity];
            names.forEach((key, reaches) -> {
                int hash = NoProxyRules.hashOf(key);
                int slot = spread(hash) & (capacity - 1);
                while (keys[slot] != null) slot = (slot + 1) & (capacity - 1);
                keys[slot] = key;
                hashes[slot] = hash;
                for (int r = 0; r < reaches.length; r++) byReach[r][slot] = reaches[r] == null ? null : reaches[r].freeze();
            });
            return new NoProxyNameTable(keys, hashes, byReach);
        }
    }

    /**
     * The first entry for {@code host[from, to)}, whose hash is given, on {@code port}: when
     * {@code whole} the region is the entire host (exact and {@code .name} entries apply), else it
     * is a proper suffix after a dot ({@code .name} and {@code *.name} entries apply).
     */
    int match(String host, int from, int to, int hash, boolean lowerCase, int port, boolean whole) {
        int length = to - from;
        for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (hashes[slot] == hash && key.length() == length && host.regionMatches(!lowerCase, from, key, 0, length)) {
                int best = portsFor(Reach.WITH_SUBDOMAINS, slot, port);
                return Math.min(best, portsFor(whole ? Reach.EXACT : Reach.SUBDOMAINS_ONLY, slot, port));
            }
        }
        return NONE;
    }

    private int portsFor(Reach reach, int slot, int port) {
        NoProxyPorts ports = byReach[reach.ordinal()][slot];
        return ports == null ? NONE : ports.indexFor(port);
    }

    /** Spreads a hash's entropy into the low bits the slot mask keeps. */
    static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
