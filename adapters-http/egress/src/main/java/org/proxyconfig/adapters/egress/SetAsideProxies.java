package org.proxyconfig.adapters.egress;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.proxyconfig.domain.ProxyConfigRules;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;

/**
 * The proxies set aside because they could not be used, each until its cool-down ends, as browsers
 * do with a PAC file's list: the requests that follow go straight to the next proxy instead of
 * waiting on a dead one. Shared by the clients of one {@link OutboundClients}; a proxy is known by
 * its address, so two lists that name it share its state. Nothing here ever leads direct: when
 * every proxy of a list is set aside, all of them are tried again, in order.
 */
final class SetAsideProxies {

    private final LongSupplier nanoClock;
    /** By proxy: the {@link System#nanoTime()} at which it may be tried again. */
    private final Map<ProxyEndpoint, Long> until = new ConcurrentHashMap<>();

    SetAsideProxies() {
        this(System::nanoTime);
    }

    SetAsideProxies(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * The positions in {@code list} to try, in order: the proxies not set aside; when every one
     * is, all of them. A list of one proxy is never looked up: it has nothing to choose.
     */
    int[] order(ProxyList list) {
        int size = list.size();
        if (size == 1 || until.isEmpty()) return ALL[size - 1];
        int[] usable = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (!isSetAside(list.get(i))) usable[count++] = i;
        }
        // None usable: all of them again, in order; never an empty list, never direct.
        return count == 0 || count == size ? ALL[size - 1] : Arrays.copyOf(usable, count);
    }

    /**
     * {@code failed} could not be used: set it aside for the list's cool-down, unless it is the
     * last proxy of {@code list} still in use (a list never sets aside all of its proxies).
     *
     * @return whether it was set aside
     */
    boolean setAside(ProxyList list, ProxyEndpoint failed) {
        boolean anotherUsable = list.inOrder().stream().anyMatch(p -> !p.equals(failed) && !isSetAside(p));
        if (!anotherUsable) return false;
        until.put(failed, nanoClock.getAsLong() + list.cooldownSeconds() * 1_000_000_000L);
        return true;
    }

    /** {@code proxy} carried a request: whatever it did before, it is usable now. */
    void usable(ProxyEndpoint proxy) {
        if (!until.isEmpty()) until.remove(proxy);
    }

    boolean isSetAside(ProxyEndpoint proxy) {
        Long end = until.get(proxy);
        if (end == null) return false;
        if (nanoClock.getAsLong() - end < 0) return true;
        until.remove(proxy, end); // its cool-down is over: it is tried again
        return false;
    }

    /** {0}, {0, 1}, … up to the most proxies a list can have: the common answer, without allocating. */
    private static final int[][] ALL = IntStream.rangeClosed(1, ProxyConfigRules.MAX_FALLBACK_URLS + 1)
            .mapToObj(n -> IntStream.range(0, n).toArray()).toArray(int[][]::new);
}
