package org.proxyconfig.domain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of one key of {@link NoProxyIndex} (a name, a network, or {@code *}): the first
 * one for any port, and the first one for each port given with {@code :port}. Filled while the
 * index is built, then frozen into sorted arrays so a look-up neither boxes nor allocates.
 */
final class NoProxyPorts {

    private static final int NONE = NoProxyMatcher.NONE;

    private int anyPort = NONE;
    private Map<Integer, Integer> building = new HashMap<>();
    private int[] ports = new int[0];      // sorted
    private int[] indexes = new int[0];

    /** Records entry {@code index} for {@code port} (0: any port); the lowest index wins. */
    void add(int port, int index) {
        if (port == 0) anyPort = Math.min(anyPort, index);
        else building.merge(port, index, Math::min);
    }

    boolean isEmpty() { return anyPort == NONE && ports.length == 0 && (building == null || building.isEmpty()); }

    NoProxyPorts freeze() {
        if (building == null) return this;
        ports = building.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        indexes = new int[ports.length];
        for (int i = 0; i < ports.length; i++) indexes[i] = building.get(ports[i]);
        building = null;
        return this;
    }

    /** The first entry of this key that applies to {@code port}, or NONE. */
    int indexFor(int port) {
        int best = anyPort;
        if (ports.length > 0) {
            int at = Arrays.binarySearch(ports, port);
            if (at >= 0) best = Math.min(best, indexes[at]);
        }
        return best;
    }
}
