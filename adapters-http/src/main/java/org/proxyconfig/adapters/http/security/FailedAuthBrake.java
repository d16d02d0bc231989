package org.proxyconfig.adapters.http.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: once an address has failed {@value #MAX_FAILURES} authentications
 * within a minute, its further failed attempts are answered 429 until its failures age out of
 * that minute. Only failures are braked: a request with valid credentials is always let through,
 * so an attacker sharing an address (a NAT, a proxy) cannot lock a legitimate client out.
 * Memory is bounded: at most {@value #MAX_ADDRESSES} addresses are tracked, oldest forgotten first.
 */
public final class FailedAuthBrake {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<InetAddress, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true);

    public FailedAuthBrake(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a failed attempt from {@code address}.
     *
     * @return the seconds the client should wait when it is now braked, else 0
     */
    public synchronized long recordFailure(InetAddress address) {
        long now = clock.millis();
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        forgetOlderThanWindow(times, now);
        times.addLast(now);
        while (times.size() > MAX_FAILURES + 1) times.removeFirst(); // enough to decide, no more
        evictIfFull();
        if (times.size() <= MAX_FAILURES) return 0;
        long oldestInWindow = times.peekFirst();
        return Math.max(1, (oldestInWindow + WINDOW.toMillis() - now + 999) / 1000);
    }

    private static void forgetOlderThanWindow(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) times.removeFirst();
    }

    private void evictIfFull() {
        Iterator<Map.Entry<InetAddress, Deque<Long>>> eldest = failures.entrySet().iterator();
        while (failures.size() > MAX_ADDRESSES && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}
