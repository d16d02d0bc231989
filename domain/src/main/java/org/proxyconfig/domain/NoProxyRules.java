package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code no_proxy} bypass list, parsed once and matched per request; the semantics, and where
 * they differ from curl and Go, are docs/decisions/0003-url-and-no-proxy-semantics.md.
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
 * Choices where other implementations disagree or say nothing:
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
 * <p>This class is the facade: {@link NoProxyParser} reads each entry into a typed
 * {@link NoProxyEntry}, and a {@link NoProxyMatcher} answers. Lists of up to {@value #SMALL_LIST}
 * entries are scanned in order ({@link NoProxyList}); longer ones are looked up by hash
 * ({@link NoProxyIndex}), at a cost set by the target, not by the list. A look-up allocates
 * nothing. Instances are immutable and thread-safe.
 */
public final class NoProxyRules {

    public static final int MAX_LENGTH = 65536;
    public static final int MAX_ENTRIES = 4096;
    public static final String CODE = "invalid_no_proxy";

    /**
     * The longest list scanned rather than indexed: where the scan's cost, which grows with the
     * list, reaches the index's, which does not (measured with RoutingBenchmark, docs/PERFORMANCE.md §1).
     */
    static final int SMALL_LIST = 32;

    public static final NoProxyRules EMPTY = parse("");

    private final List<String> entries;
    private final String normalized;
    private final NoProxyMatcher matcher;

    private NoProxyRules(List<String> entries, NoProxyMatcher matcher) {
        this.entries = entries;
        this.normalized = String.join(",", entries);
        this.matcher = matcher;
    }

    /**
     * @throws InvalidFieldException field {@code no_proxy}: code {@value #CODE} naming the first bad
     *                               entry, {@code field_too_long} or {@code too_many_entries}
     */
    public static NoProxyRules parse(String noProxy) {
        if (noProxy.length() > MAX_LENGTH) {
            throw new InvalidFieldException(NoProxyParser.FIELD, ProxyConfigRules.FIELD_TOO_LONG,
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
                    throw new InvalidFieldException(NoProxyParser.FIELD, "too_many_entries",
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
        List<NoProxyEntry> typed = entries.stream().map(NoProxyParser::parse).toList();
        NoProxyMatcher matcher = typed.size() <= SMALL_LIST ? new NoProxyList(typed) : NoProxyIndex.of(typed);
        return new NoProxyRules(Collections.unmodifiableList(new ArrayList<>(entries)), matcher);
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
        int index = indexOf(TargetHost.parse(host), TargetHost.checkPort(port));
        return index < 0 ? Optional.empty() : Optional.of(entries.get(index));
    }

    /** The index in {@link #entries()} of the first entry matching an already validated target, or -1. */
    int indexOf(TargetHost target, int port) {
        return orMinusOne(matcher.target(target, port));
    }

    /**
     * The same for a host {@link PlainTarget#scan} accepted, given with that scan's result, or -1:
     * the routing decision's fast path, which never builds a {@link TargetHost}.
     */
    int indexOfPlain(String host, long plain, int port) {
        return orMinusOne(PlainTarget.isName(plain)
                ? matcher.name(host, 0, PlainTarget.nameEnd(plain), PlainTarget.isLowerCase(plain), port)
                : matcher.v4(PlainTarget.v4Bits(plain), port));
    }

    private static int orMinusOne(int index) { return index == NoProxyMatcher.NONE ? -1 : index; }

    static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c; }

    /** The case-blind hash of a name, rolled from its right end so that any suffix's can be had on the way. */
    static int hashOf(String key) { return hashOf(key, 0, key.length()); }

    /** {@link #hashOf(String)} of {@code s[from, to)}. */
    static int hashOf(String s, int from, int to) {
        int hash = 0;
        for (int i = to - 1; i >= from; i--) hash = hash * 31 + lower(s.charAt(i));
        return hash;
    }

    @Override public boolean equals(Object o) { return o instanceof NoProxyRules other && entries.equals(other.entries); }

    @Override public int hashCode() { return entries.hashCode(); }

    @Override public String toString() { return normalized; }
}
