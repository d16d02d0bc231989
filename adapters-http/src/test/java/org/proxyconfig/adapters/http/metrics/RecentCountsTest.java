package org.proxyconfig.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ring of buckets by bucket number: series apart, rollover by compare-and-set, late counts dropped. */
class RecentCountsTest {

    private final RecentCounts counts = new RecentCounts(2, 4);

    @Test
    void seriesCountApartAndTheWindowEndsAtTheCurrentBucketOldestFirst() {
        counts.add(0, 100);
        counts.add(0, 101);
        counts.add(0, 101);
        counts.add(1, 103);

        assertThat(counts.window(0, 103)).containsExactly(1, 2, 0, 0);
        assertThat(counts.window(1, 103)).containsExactly(0, 0, 0, 1);
        assertThat(counts.window(0, 104)).containsExactly(2, 0, 0, 0);
    }

    @Test
    void aSlotReusedForALaterBucketStartsFromOne() {
        counts.add(0, 100);
        counts.add(0, 100);

        counts.add(0, 104); // the same slot, one window later

        assertThat(counts.window(0, 104)).containsExactly(0, 0, 0, 1);
    }

    @Test
    void aLateCountForABucketThatLeftTheWindowIsDroppedNotAddedToTheNewOne() {
        counts.add(0, 104);

        counts.add(0, 100); // a thread that read the clock a window ago

        assertThat(counts.window(0, 104)).containsExactly(0, 0, 0, 1);
    }

    @Test
    void theFirstBucketsOfTheClockReadAsZeroBeforeAnyCount() {
        assertThat(counts.window(0, 1)).containsExactly(0, 0, 0, 0);
        counts.add(0, 0);
        assertThat(counts.window(0, 1)).containsExactly(0, 0, 1, 0);
    }

    @Test
    void needsAtLeastOneSeriesAndOneBucket() {
        assertThatThrownBy(() -> new RecentCounts(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentCounts(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
