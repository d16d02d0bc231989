package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code no_proxy} bypass list (SPEC §3), parsed once and matched per request.
 *
 * <p>Grammar, after each comma-separated entry is trimmed and lower-cased (empty entries dropped):
 * <pre>
 *   *                    every host
 *   example.com          exactly example.com (Bifrost; curl and Go would add subdomains)
 *   .example.com         example.com and every subdomain
 *   *.example.com        every subdomain, not example.com
 *   10.1.2.3  ::1  [::1] that IP literal
 *   10.0.0.0/8  fd00::/8 [fd00::/8]   every IP literal in the range
 *   any of these + :port only that port: .corp:8443, 10.0.0.0/8:443, [::1]:80, [fd00::/8]:443, *:443
 * </pre>
 * Choices where the spec is silent:
 * <ul>
 *   <li>A trailing dot (FQDN form) is ignored, on entries and on hosts: {@code example.com.} is
 *       {@code example.com}.</li>
 *   <li>An IP target matches only {@code *}, IP and CIDR entries; a name target only {@code *} and
 *       name entries. No DNS lookup is made, and names are never matched against addresses
 *       textually: an entry whose last label is a number ({@code .0.0.1}) is refused, not guessed.</li>
 *   <li>An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is its IPv4 address, in entries and
 *       in hosts.</li>
 *   <li>A CIDR with bits set after the prefix ({@code 10.1.2.3/8}) is refused with the corrected
 *       range as a hint, rather than silently masked as curl and Go do: it is usually a typo.</li>
 *   <li>When several entries match, {@link #match} returns the first one in list order.</li>
 * </ul>
 *
 * <p>Matching costs O(labels of the host) hash look-ups for a name and at most 33 (IPv4) or 129
 * (IPv6) for an address, whatever the number of entries; it allocates nothing for a name. Instances
 * are immutable and thread-safe.
 */
public final class NoProxyRules {

    public static final int MAX_LENGTH = 65536;
    public static final int MAX_ENTRIES = 4096;
    public static final String CODE = "invalid_no_proxy";
    private static final String FIELD = "no_proxy";
    private static final int NONE = Integer.MAX_VALUE;

    public static final NoProxyRules EMPTY = parse("");

    private final List<String> entries;
    private final String normalized;
    private final int everyHost;          // index of "*", or NONE
    private final PortRule everyHostPorts;   // "*:port" entries
    private final NameTable exact;
    private final NameTable domainAndSubdomains;
    private final NameTable subdomainsOnly;
    private final PrefixTables v4;
    private final PrefixTables v6;

    private NoProxyRules(List<String> entries, int everyHost, PortRule everyHostPorts, NameTable exact,
                         NameTable domainAndSubdomains, NameTable subdomainsOnly, PrefixTables v4, PrefixTables v6) {
        this.entries = entries;
        this.normalized = String.join(",", entries);
        this.everyHost = everyHost;
        this.everyHostPorts = everyHostPorts;
        this.exact = exact;
        this.domainAndSubdomains = domainAndSubdomains;
        this.subdomainsOnly = subdomainsOnly;
        this.v4 = v4;
        this.v6 = v6;
    }

    /**
     * @throws InvalidFieldException field {@code no_proxy}: code {@value #CODE} naming the first bad
     *                               entry, {@code field_too_long} or {@code too_many_entries}
     */
    public static NoProxyRules parse(String noProxy) {
        if (noProxy.length() > MAX_LENGTH) {
            throw new InvalidFieldException(FIELD, ProxyConfigRules.FIELD_TOO_LONG,
                    "is " + noProxy.length() + " characters long; at most " + MAX_LENGTH + " (64 KiB) are allowed");
        }
        List<String> entries = new ArrayList<>();
        int start = 0;
        while (start <= noProxy.length()) {
            int comma = noProxy.indexOf(',', start);
            int end = comma < 0 ? noProxy.length() : comma;
            String entry = noProxy.substring(start, end).strip().toLowerCase(Locale.ROOT);
            if (!entry.isEmpty()) {
                if (entries.size() == MAX_ENTRIES) {
                    throw new InvalidFieldException(FIELD, "too_many_entries",
                            "has more than " + MAX_ENTRIES + " entries; use broader rules such as"
                                    + " '.example.com' or a CIDR like 10.0.0.0/8");
                }
                entries.add(entry);
            }
            start = end + 1;
        }
        return of(entries);
    }

    /**
     * Rules from entries already trimmed and lower-cased, without the size limits of the wire:
     * for benchmarks that go past {@value #MAX_ENTRIES} entries.
     */
    static NoProxyRules of(List<String> entries) {
        Builder builder = new Builder();
        for (int index = 0; index < entries.size(); index++) {
            builder.add(index, entries.get(index));
        }
        return builder.build(Collections.unmodifiableList(new ArrayList<>(entries)));
    }

    /** The entries trimmed, lower-cased and without empty ones, joined with ",". */
    public String normalized() { return normalized; }

    /** The normalized entries, in the order given. */
    public List<String> entries() { return entries; }

    public int size() { return entries.size(); }

    /**
     * The first entry, in list order, that exempts {@code host:port} from the proxy.
     *
     * @param host a name or an IP literal, IPv6 with or without brackets, any case, an optional
     *             trailing dot
     * @throws InvalidTargetException when the host or port cannot be parsed
     */
    public Optional<String> match(String host, int port) {
        int index = matchIndex(TargetHost.parse(host), TargetHost.checkPort(port));
        return index == NONE ? Optional.empty() : Optional.of(entries.get(index));
    }

    /** The index in {@link #entries()} of the first entry matching an already validated target, or -1. */
    int indexOf(TargetHost target, int port) {
        int index = matchIndex(target, port);
        return index == NONE ? -1 : index;
    }

    private int matchIndex(TargetHost target, int port) {
        int best = Math.min(everyHost, everyHostPorts == null ? NONE : everyHostPorts.indexFor(port));
        if (target.ip != null) {
            PrefixTables tables = target.ip.v4 ? v4 : v6;
            return Math.min(best, tables.match(target.ip, port));
        }
        String host = target.host;
        int from = target.nameFrom;
        int to = target.nameTo;
        // Walk the host from its right end; at each label boundary the running hash is the hash of
        // the suffix that starts there, so every suffix look-up is O(1) and allocates nothing.
        int hash = 0;
        for (int i = to - 1; i >= from; i--) {
            hash = hash * 31 + lower(host.charAt(i));
            if (i == from) {
                best = Math.min(best, exact.match(host, i, to, hash, port));
                best = Math.min(best, domainAndSubdomains.match(host, i, to, hash, port));
            } else if (host.charAt(i - 1) == '.') {
                best = Math.min(best, domainAndSubdomains.match(host, i, to, hash, port));
                best = Math.min(best, subdomainsOnly.match(host, i, to, hash, port));
            }
        }
        return best;
    }

    static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c; }

    static int hashOf(String key) {
        int hash = 0;
        for (int i = key.length() - 1; i >= 0; i--) hash = hash * 31 + lower(key.charAt(i));
        return hash;
    }

    @Override public boolean equals(Object o) { return o instanceof NoProxyRules other && entries.equals(other.entries); }

    @Override public int hashCode() { return entries.hashCode(); }

    @Override public String toString() { return normalized; }

    // ---------------------------------------------------------------------------------------------
    // Parsing one entry

    private static final class Builder {
        int everyHost = NONE;
        final PortRule everyHostPorts = new PortRule();
        final Map<String, PortRule> exact = new HashMap<>();
        final Map<String, PortRule> domainAndSubdomains = new HashMap<>();
        final Map<String, PortRule> subdomainsOnly = new HashMap<>();
        final Map<Integer, Map<Network, PortRule>> v4 = new HashMap<>();
        final Map<Integer, Map<Network, PortRule>> v6 = new HashMap<>();

        void add(int index, String entry) {
            String host = entry;
            int port = 0;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) throw bad(entry, "has '[' without ']'");
                String after = entry.substring(close + 1);
                if (!after.isEmpty()) {
                    if (after.charAt(0) != ':') throw bad(entry, "has text after ']'; only ':port' may follow");
                    port = port(entry, after.substring(1));
                }
                String inside = entry.substring(1, close);
                int slash = inside.indexOf('/');
                IpAddress ip = v6(entry, slash < 0 ? inside : inside.substring(0, slash));
                addNetwork(index, entry, ip, slash < 0 ? -1 : prefix(entry, inside.substring(slash + 1), ip), port);
                return;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                String address = entry.substring(0, slash);
                String length = entry.substring(slash + 1);
                int colon = length.indexOf(':');
                if (colon >= 0) {
                    port = port(entry, length.substring(colon + 1));
                    length = length.substring(0, colon);
                }
                IpAddress ip = address.indexOf(':') >= 0 ? v6(entry, address) : v4(entry, address);
                addNetwork(index, entry, ip, prefix(entry, length, ip), port);
                return;
            }
            int colons = count(entry, ':');
            if (colons >= 2) {
                addNetwork(index, entry, v6(entry, entry), -1, 0);
                return;
            }
            if (colons == 1) {
                int colon = entry.indexOf(':');
                host = entry.substring(0, colon);
                port = port(entry, entry.substring(colon + 1));
            }
            addHost(index, entry, host, port);
        }

        private void addHost(int index, String entry, String host, int port) {
            if (host.equals("*")) {
                if (port == 0) everyHost = Math.min(everyHost, index);
                else everyHostPorts.add(port, index);
                return;
            }
            Map<String, PortRule> table;
            String name;
            if (host.startsWith("*.")) {
                table = subdomainsOnly;
                name = host.substring(2);
            } else if (host.startsWith(".")) {
                table = domainAndSubdomains;
                name = host.substring(1);
            } else {
                table = exact;
                name = host;
            }
            if (name.indexOf('*') >= 0) {
                throw bad(entry, "has '*' in the wrong place; '*' is allowed alone or as a '*.' prefix,"
                        + " e.g. *.example.com");
            }
            if (name.endsWith(".") && name.length() > 1) name = name.substring(0, name.length() - 1);
            if (HostNames.looksLikeIpv4(name, 0, name.length())) {
                if (table != exact) {
                    throw bad(entry, "ends in a number, so it cannot be a domain suffix; for a range of"
                            + " addresses use a CIDR such as 10.0.0.0/8");
                }
                addNetwork(index, entry, v4(entry, host), -1, port);
                return;
            }
            String problem = HostNames.problem(name, 0, name.length(), false);
            if (problem != null) {
                throw bad(entry, "is not a host name, IP, CIDR or '*': " + problem);
            }
            table.computeIfAbsent(name, k -> new PortRule()).add(port, index);
        }

        private void addNetwork(int index, String entry, IpAddress ip, int prefix, int port) {
            int length = prefix < 0 ? ip.maxPrefix() : prefix;
            IpAddress network = ip.masked(length);
            if (!network.equals(ip)) {
                throw bad(entry, "has bits set after the /" + length + " prefix; did you mean "
                        + network.toText() + "/" + length + "?");
            }
            IpAddress unmapped = ip.unmapped();
            if (unmapped != ip && length >= 96) {
                // ::ffff:a.b.c.d/n is the IPv4 range a.b.c.d/(n-96): targets are unmapped the same way.
                ip = unmapped;
                length -= 96;
            }
            (ip.v4 ? v4 : v6).computeIfAbsent(length, k -> new HashMap<>())
                    .computeIfAbsent(new Network(ip.hi, ip.lo), k -> new PortRule()).add(port, index);
        }

        private static IpAddress v4(String entry, String text) {
            IpAddress ip = IpAddress.parseV4(text, 0, text.length());
            if (ip == null) {
                throw bad(entry, "is not a valid IPv4 address; write four numbers 0..255 without leading zeros");
            }
            return ip;
        }

        private static IpAddress v6(String entry, String text) {
            IpAddress ip = IpAddress.parseV6(text, 0, text.length());
            if (ip == null) {
                throw bad(entry, "is not a valid IPv6 address; an IPv6 address with a port is written"
                        + " [address]:port, e.g. [::1]:80");
            }
            return ip;
        }

        private static int prefix(String entry, String text, IpAddress ip) {
            boolean digits = !text.isEmpty() && text.length() <= 3 && !(text.length() > 1 && text.charAt(0) == '0');
            for (int i = 0; i < text.length() && digits; i++) digits = IpAddress.isDigit(text.charAt(i));
            int value = digits ? Integer.parseInt(text) : -1;
            if (value < 0 || value > ip.maxPrefix()) {
                throw bad(entry, "has prefix length '" + HostNames.quote(text) + "'; "
                        + (ip.v4 ? "IPv4 allows 0..32" : "IPv6 allows 0..128"));
            }
            return value;
        }

        private static int port(String entry, String text) {
            boolean digits = !text.isEmpty() && text.length() <= 5;
            for (int i = 0; i < text.length() && digits; i++) digits = IpAddress.isDigit(text.charAt(i));
            int value = digits ? Integer.parseInt(text) : -1;
            if (value < 1 || value > 65535) {
                throw bad(entry, "has port '" + HostNames.quote(text) + "'; a port is a number from 1 to 65535");
            }
            return value;
        }

        private static int count(String s, char c) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
            return n;
        }

        private static InvalidFieldException bad(String entry, String why) {
            return new InvalidFieldException(FIELD, CODE, "entry '" + HostNames.quote(entry) + "' " + why);
        }

        NoProxyRules build(List<String> entries) {
            return new NoProxyRules(entries, everyHost, everyHostPorts.isEmpty() ? null : everyHostPorts.freeze(),
                    NameTable.of(exact), NameTable.of(domainAndSubdomains), NameTable.of(subdomainsOnly),
                    PrefixTables.of(v4), PrefixTables.of(v6));
        }
    }

    private record Network(long hi, long lo) {}

    // ---------------------------------------------------------------------------------------------
    // Look-up structures: open addressing, no boxing, nothing allocated per look-up

    /** The entries of one host or network: one for any port, and some for given ports. */
    private static final class PortRule {
        private int anyPort = NONE;
        private final Map<Integer, Integer> building = new HashMap<>();
        private int[] ports = new int[0];      // sorted
        private int[] indexes = new int[0];

        void add(int port, int index) {
            if (port == 0) anyPort = Math.min(anyPort, index);
            else building.merge(port, index, Math::min);
        }

        boolean isEmpty() { return anyPort == NONE && building.isEmpty(); }

        PortRule freeze() {
            ports = building.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            indexes = new int[ports.length];
            for (int i = 0; i < ports.length; i++) indexes[i] = building.get(ports[i]);
            building.clear();
            return this;
        }

        int indexFor(int port) {
            int best = anyPort;
            if (ports.length > 0) {
                int at = java.util.Arrays.binarySearch(ports, port);
                if (at >= 0) best = Math.min(best, indexes[at]);
            }
            return best;
        }
    }

    /** Host names, keyed by a hash that can be computed for any region of a host string. */
    private static final class NameTable {
        private static final NameTable EMPTY = new NameTable(new String[1], new int[1], new PortRule[1]);

        private final String[] keys;
        private final int[] hashes;
        private final PortRule[] rules;
        private final int mask;

        private NameTable(String[] keys, int[] hashes, PortRule[] rules) {
            this.keys = keys;
            this.hashes = hashes;
            this.rules = rules;
            this.mask = keys.length - 1;
        }

        static NameTable of(Map<String, PortRule> map) {
            if (map.isEmpty()) return EMPTY;
            int capacity = Integer.highestOneBit(map.size() * 2 + 1) * 2;
            String[] keys = new String[capacity];
            int[] hashes = new int[capacity];
            PortRule[] rules = new PortRule[capacity];
            map.forEach((key, rule) -> {
                int hash = hashOf(key);
                int slot = spread(hash) & (capacity - 1);
                while (keys[slot] != null) slot = (slot + 1) & (capacity - 1);
                keys[slot] = key;
                hashes[slot] = hash;
                rules[slot] = rule.freeze();
            });
            return new NameTable(keys, hashes, rules);
        }

        /** The best entry index for {@code host[from, to)} (whose hash is given) on {@code port}. */
        int match(String host, int from, int to, int hash, int port) {
            int length = to - from;
            for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
                String key = keys[slot];
                if (hashes[slot] == hash && key.length() == length && host.regionMatches(true, from, key, 0, length)) {
                    return rules[slot].indexFor(port);
                }
            }
            return NONE;
        }
    }

    /** Networks of one family, one open-addressing table per prefix length in use. */
    private static final class PrefixTables {
        private final int[] lengths;
        private final long[][] his;
        private final long[][] los;
        private final PortRule[][] rules;

        private PrefixTables(int[] lengths, long[][] his, long[][] los, PortRule[][] rules) {
            this.lengths = lengths;
            this.his = his;
            this.los = los;
            this.rules = rules;
        }

        static PrefixTables of(Map<Integer, Map<Network, PortRule>> byLength) {
            int[] lengths = byLength.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            long[][] his = new long[lengths.length][];
            long[][] los = new long[lengths.length][];
            PortRule[][] rules = new PortRule[lengths.length][];
            for (int t = 0; t < lengths.length; t++) {
                Map<Network, PortRule> networks = byLength.get(lengths[t]);
                int capacity = Integer.highestOneBit(networks.size() * 2 + 1) * 2;
                long[] hi = new long[capacity];
                long[] lo = new long[capacity];
                PortRule[] rule = new PortRule[capacity];
                for (Map.Entry<Network, PortRule> e : networks.entrySet()) {
                    int slot = spread(hashOf(e.getKey().hi(), e.getKey().lo())) & (capacity - 1);
                    while (rule[slot] != null) slot = (slot + 1) & (capacity - 1);
                    hi[slot] = e.getKey().hi();
                    lo[slot] = e.getKey().lo();
                    rule[slot] = e.getValue().freeze();
                }
                his[t] = hi;
                los[t] = lo;
                rules[t] = rule;
            }
            return new PrefixTables(lengths, his, los, rules);
        }

        int match(IpAddress ip, int port) {
            int best = NONE;
            for (int t = 0; t < lengths.length; t++) {
                int length = lengths[t];
                long hi;
                long lo;
                if (ip.v4) {
                    hi = 0;
                    lo = IpAddress.maskV4(ip.lo, length);
                } else {
                    hi = IpAddress.maskHi(ip.hi, length);
                    lo = IpAddress.maskLo(ip.lo, length);
                }
                long[] hiSlots = his[t];
                long[] loSlots = los[t];
                PortRule[] ruleSlots = rules[t];
                int mask = ruleSlots.length - 1;
                for (int slot = spread(hashOf(hi, lo)) & mask; ruleSlots[slot] != null; slot = (slot + 1) & mask) {
                    if (hiSlots[slot] == hi && loSlots[slot] == lo) {
                        best = Math.min(best, ruleSlots[slot].indexFor(port));
                        break;
                    }
                }
            }
            return best;
        }

        private static int hashOf(long hi, long lo) { return Long.hashCode(hi * 0x9E3779B97F4A7C15L ^ lo); }
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
