package org.proxyconfig.adapters.egress.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code callers} platform threads each send a request, wait for its answer,
 * and send the next, until the time is up. It measures what they saw: requests per second and the
 * latency of each request, start to finish (body read and checked), and the CPU time this JVM used
 * per request meanwhile (callers, client threads, and whatever else runs in it, such as in-process targets).
 */
public final class ClosedLoop {

    /** One request; throws when the answer is wrong. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** What one run saw; latencies and CPU time in nanoseconds. */
    public record Result(long requests, long errors, double seconds, long p50, long p99, long cpu) {
        public double perSecond() {
            return requests / seconds;
        }

        public double cpuMicrosPerRequest() {
            return cpu / 1e3 / Math.max(1, requests);
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private ClosedLoop() {
    }

    public static Result run(int callers, Duration duration, Call call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong errors = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long[][] latencies = new long[callers][];
        int[] counts = new int[callers];
        Thread[] threads = new Thread[callers];
        long[] window = new long[2];
        for (int i = 0; i < callers; i++) {
            int caller = i;
            threads[i] = Thread.ofPlatform().name("bench-caller-" + i).start(() -> {
                long[] mine = new long[4096];
                int n = 0;
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = window[1];
                for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
                    try {
                        call.run();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                        continue;
                    }
                    if (n == mine.length) mine = Arrays.copyOf(mine, n * 2);
                    mine[n++] = System.nanoTime() - t0;
                }
                latencies[caller] = mine;
                counts[caller] = n;
            });
        }
        long cpu0 = OS.getProcessCpuTime();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown(); // publishes window to the callers
        for (Thread thread : threads) thread.join();
        double seconds = (System.nanoTime() - window[0]) / 1e9; // until the last answer in flight came back
        long cpu = OS.getProcessCpuTime() - cpu0;
        long[] all = new long[Arrays.stream(counts).sum()];
        for (int i = 0, at = 0; i < callers; at += counts[i], i++) System.arraycopy(latencies[i], 0, all, at, counts[i]);
        Arrays.sort(all);
        if (firstError.get() != null) {
            System.err.println("  " + errors.get() + " failed requests, the first: " + firstError.get());
        }
        return new Result(all.length, errors.get(), seconds, percentile(all, 0.50), percentile(all, 0.99), cpu);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
