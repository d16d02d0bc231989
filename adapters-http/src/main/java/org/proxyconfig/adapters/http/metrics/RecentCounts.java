package org.proxyconfig.adapters.http.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts per time bucket over a sliding window, for a few series: a ring of {@code buckets} slots
 * per series. A slot holds the number of the bucket it counts (high 32 bits) and its count (low 32
 * bits) in one long, so moving a slot on to a new bucket and counting in it is a single
 * compare-and-set: no lock and no allocation on the request's path, and no count lost or carried
 * over at a rollover. A bucket that has left the window reads as 0 until its slot is reused.
 *
 * <p>Bucket numbers are the caller's (the clock's time divided by the bucket length); 32 bits of
 * them outlast any process, and 32 bits of count are 4 billion requests per bucket.
 */
final class RecentCounts {

    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final int buckets;
    private final AtomicLongArray slots;

    RecentCounts(int series, int buckets) {
        if (series < 1 || buckets < 1) throw new IllegalArgumentException("series and buckets must be positive");
        this.buckets = buckets;
        this.slots = new AtomicLongArray(series * buckets);
    }

    /** One more in {@code series} at bucket number {@code bucket}. */
    void add(int series, long bucket) {
        int index = index(series, bucket);
        long stamp = bucket & COUNT_MASK;
        while (true) {
            long slot = slots.get(index);
            long held = slot >>> 32;
            // A slot already moved on to a later bucket keeps it: this count (from a thread that read the
            // clock long ago, or a clock set back) is older than the window and is dropped.
            if (held > stamp) return;
            long next = held == stamp ? slot + 1 : stamp << 32 | 1;
            if (slots.compareAndSet(index, slot, next)) return;
        }
    }

    /** The counts of {@code series} for the window ending with bucket {@code current}, oldest first. */
    long[] window(int series, long current) {
        long[] counts = new long[buckets];
        for (int k = 0; k < buckets; k++) {
            long bucket = current - (buckets - 1) + k;
            if (bucket < 0) continue;
            long slot = slots.get(index(series, bucket));
            counts[k] = slot >>> 32 == (bucket & COUNT_MASK) ? slot & COUNT_MASK : 0;
        }
        return counts;
    }

    int buckets() {
        return buckets;
    }

    private int index(int series, long bucket) {
        return series * buckets + (int) Math.floorMod(bucket, (long) buckets);
    }
}
