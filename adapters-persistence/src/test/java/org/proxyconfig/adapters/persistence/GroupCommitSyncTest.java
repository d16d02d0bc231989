package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.application.Latches;

/** Group commit: writers who commit while a sync runs share the next one; a failed sync covers no one. */
class GroupCommitSyncTest {

    private static final Connection NO_CONNECTION = null;

    @Test
    void writersWhoCommitDuringASyncShareTheNextOne() throws Exception {
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        GroupCommitSync sync = new GroupCommitSync(connection -> {
            if (syncs.incrementAndGet() == 1) {
                firstSyncStarted.countDown();
                Latches.await("the test released the first sync", releaseFirstSync);
            }
        });
        int writers = 8;
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<?> leader = threads.submit(() -> durable(sync));
            Latches.await("the first sync started", firstSyncStarted);
            CountDownLatch othersArrived = new CountDownLatch(writers - 1);
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i < writers; i++) {
                others.add(threads.submit(() -> {
                    othersArrived.countDown();
                    durable(sync);
                }));
            }
            Latches.await("the other writers arrived", othersArrived);
            // They committed after the running sync began, so it cannot cover them: they wait for it.
            awaitTickets(sync, writers);
            releaseFirstSync.countDown();
            leader.get(30, TimeUnit.SECONDS);
            for (Future<?> f : others) f.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(syncs).as("one sync for the first writer, one shared by the seven others").hasValue(2);
        assertThat(sync.pendingTickets()).isZero();
    }

    @Test
    void aLoneWriterSyncsForItselfEveryTime() throws SQLException {
        AtomicInteger syncs = new AtomicInteger();
        GroupCommitSync sync = new GroupCommitSync(connection -> syncs.incrementAndGet());

        sync.awaitDurable(NO_CONNECTION);
        sync.awaitDurable(NO_CONNECTION);

        assertThat(syncs).hasValue(2);
    }

    @Test
    void aFailedSyncCoversNoOneAndTheNextWriterSyncsAgain() throws SQLException {
        AtomicInteger syncs = new AtomicInteger();
        GroupCommitSync sync = new GroupCommitSync(connection -> {
            if (syncs.incrementAndGet() == 1) throw new SQLException("IO Exception", "90028");
        });

        assertThatThrownBy(() -> sync.awaitDurable(NO_CONNECTION)).isInstanceOf(SQLException.class);
        assertThat(sync.pendingTickets()).isEqualTo(1);
        sync.awaitDurable(NO_CONNECTION);

        assertThat(syncs).hasValue(2);
        assertThat(sync.pendingTickets()).isZero();
    }

    private static void durable(GroupCommitSync sync) {
        try {
            sync.awaitDurable(NO_CONNECTION);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits, with a deadline, until {@code n} writers hold a ticket that is not durable yet. */
    private static void awaitTickets(GroupCommitSync sync, long n) {
        Eventually.until(n + " writers waiting for a sync", Duration.ofSeconds(30), () -> sync.pendingTickets() == n);
    }
}
