package org.proxyconfig.domain;

/**
 * The decisions a router made lately, by purpose, host and port. A gateway talks to a handful of
 * hosts over and over, and a decision is a pure function of those three for one compiled router,
 * so a repeated one is a hash look-up instead of checking the host and matching it again: checking
 * that a host is a valid name costs about as much as a linear scan of ten no_proxy entries
 * (docs/PERFORMANCE.md §1). Bounded: one slot per hash, the latest decision wins it.
 *
 * <p>Shared by the threads of a router without locks: an entry is immutable (its fields final, so
 * safely published), a reader sees a whole entry or another one, and a lost write only means the
 * decision is made again. The slots (16 KiB) are allocated at the first decision, so a router
 * that decides nothing before the next configuration replaces it costs nothing.
 */
final class RecentDecisions {

    private static final int SLOT_BITS = 12;

    private record Entry(String host, int port, Purpose purpose, RouteDecision decision) {
    }

    private Entry[] slots;

    /** The decision made for these, or null when it is not known. */
    RouteDecision get(Purpose purpose, String host, int port) {
        Entry[] s = slots;
        if (s == null) return null;
        Entry e = s[slot(purpose, host, port)];
        return e != null && e.port == port && e.purpose == purpose && e.host.equals(host) ? e.decision : null;
    }

    void put(Purpose purpose, String host, int port, RouteDecision decision) {
        Entry[] s = slots;
        if (s == null) slots = s = new Entry[1 << SLOT_BITS];
        s[slot(purpose, host, port)] = new Entry(host, port, purpose, decision);
    }

    /** Package-private for the test, which forces collisions. */
    static int slot(Purpose purpose, String host, int port) {
        int h = (host.hashCode() * 31 + port) * 3 + purpose.ordinal();
        return (h * 0x9E3779B9) >>> (32 - SLOT_BITS); // Fibonacci hashing: the high bits of the product
    }
}
