package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/** Watchers of the configuration in force: woken by a newer revision, never by an older one, all at once. */
class ActiveProxyConfigWatchTest {

    private final ActiveProxyConfig active = new ActiveProxyConfig(() -> new CurrentProxyConfig(3, ProxyConfig.DEFAULTS));

    private static Revision revision(long number) {
        return new Revision(number, Instant.EPOCH, "test", ProxyConfig.DEFAULTS);
    }

    @Test
    void aWatcherBehindTheRevisionInForceReturnsAtOnce() throws InterruptedException {
        assertThat(active.awaitNewerThan(2, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aWaitWithoutChangeEndsFalseAndAnOlderCommitDoesNotWakeIt() throws Exception {
        active.revisionCommitted(revision(2)); // reported late by a concurrent writer: ignored

        assertThat(active.awaitNewerThan(3, Duration.ofMillis(50))).isFalse();
        assertThat(active.revision()).isEqualTo(3);
        assertThat(active.watching()).isZero();
    }

    @Test
    void aThousandWatchersAreWokenByOneNewerRevision() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Boolean>> watchers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                watchers.add(CompletableFuture.supplyAsync(() -> await(3, Duration.ofMinutes(5)), threads));
            }
            Eventually.until("1000 watchers wait", Duration.ofSeconds(30), () -> active.watching() == 1000);

            active.revisionCommitted(revision(4));

            for (CompletableFuture<Boolean> watcher : watchers) assertThat(watcher.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(active.watching()).isZero();
            assertThat(active.current().revision()).isEqualTo(4);
        }
    }

    @Test
    void stoppingTheWatchesAnswersWaitingAndLaterWatchersAtOnce() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(3, Duration.ofMinutes(5)), threads);
            Eventually.until("a watcher waits", Duration.ofSeconds(30), () -> active.watching() == 1);

            active.stopWatches();

            assertThat(waiting.get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(active.awaitNewerThan(3, Duration.ofMinutes(5))).isFalse();
        }
    }

    private boolean await(long revision, Duration wait) {
        try {
            return active.awaitNewerThan(revision, wait);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
