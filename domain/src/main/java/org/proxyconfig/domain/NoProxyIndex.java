package org.proxyconfig.domain;

import java.util.List;
import org.proxyconfig.domain.NoProxyEntry.AnyHost;
import org.proxyconfig.domain.NoProxyEntry.HostName;
import org.proxyconfig.domain.NoProxyEntry.IpRange;

/**
 * The matcher for long lists: hash look-ups whose number depends on the target, not on the list
 * (one per label of a name, one per CIDR prefix length in use for an address), so 10,000 entries
 * cost what 100 do. Immutable and thread-safe once built.
 */
record NoProxyIndex(
        int anyHost,                // the first "*", or NONE
        NoProxyPorts anyHostPorts,  // the "*:port" entries, or null
        NoProxyNameTable names,
        NoProxyPrefixTables v4,
        NoProxyPrefixTables v6) implements NoProxyMatcher {

    static NoProxyIndex of(List<NoProxyEntry> entries) {
        NoProxyPorts anyHost = new NoProxyPorts();
        NoProxyPorts anyHostPorts = new NoProxyPorts();
        NoProxyNameTable.Builder names = new NoProxyNameTable.Builder();
        NoProxyPrefixTables.Builder v4 = new NoProxyPrefixTables.Builder();
        NoProxyPrefixTables.Builder v6 = new NoProxyPrefixTables.Builder();
        for (int index = 0; index < entries.size(); index++) {
            switch (entries.get(index)) {
                case AnyHost any when any.port() == 0 -> anyHost.add(0, index);
                case AnyHost any -> anyHostPorts.add(any.port(), index);
                case HostName name -> names.add(name, index);
                case IpRange range -> (range.network().v4 ? v4 : v6).add(range, index);
            }
        }
        return new NoProxyIndex(anyHost.freeze().indexFor(0), anyHostPorts.isEmpty() ? null : anyHostPorts.freeze(),
                names.build(), v4.build(), v6.build());
    }

    @Override
    public int name(String host, int from, int to, boolean lowerCase, int port) {
        int best = anyHost(port);
        // Walk the host from its right end: at each dot the running hash is the hash of the suffix
        // after it, so every suffix costs one probe and nothing is copied.
        int suffix = 0;
        for (int i = to - 1; i > from; i--) {
            char c = host.charAt(i);
            if (c == '.') best = Math.min(best, names.match(host, i + 1, to, suffix, lowerCase, port, false));
            suffix = suffix * 31 + NoProxyRules.lower(c);
        }
        int hash = suffix * 31 + NoProxyRules.lower(host.charAt(from)); // the whole name's
        return Math.min(best, names.match(host, from, to, hash, lowerCase, port, true));
    }

    @Override
    public int v4(long bits, int port) { return Math.min(anyHost(port), v4.v4(bits, port)); }

    @Override
    public int v6(long hi, long lo, int port) { return Math.min(anyHost(port), v6.v6(hi, lo, port)); }

    private int anyHost(int port) {
        return anyHostPorts == null ? anyHost : Math.min(anyHost, anyHostPorts.indexFor(port));
    }
}
