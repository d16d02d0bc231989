package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.ScriptedChangeNotifications;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Purpose;

/**
 * The follower keeps the configuration in force on the store's newest revision at each poll, asks
 * for a poll when a notification may bring a newer one, and reports degraded while the store
 * fails, without changing what is in force. It owns no thread, so every step here is on the
 * test's own (the timer that drives it is bootstrap's RevisionPolling).
 */
class RevisionFollowerTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final ActiveProxyConfig active = new ActiveProxyConfig(new GetProxyConfigService(store));

    private final ScriptedChangeNotifications notifications = new ScriptedChangeNotifications();
    private final RevisionFollower follower = new RevisionFollower(store, active, notifications, Clock.systemUTC());
    private final AtomicInteger pollsAskedFor = new AtomicInteger();

    private static ProxyConfig config(String host) {
        return ProxyConfig.builder().enabled(true).url("http://" + host + ":3128").enableForInference(true).build();
    }

    /** Another instance's commit: straight into the store, not through this instance's services. */
    private void committedElsewhere(String host) {
        store.write(log -> log.append(config(host), AT, "other-instance"));
    }

    private String proxyInForce() {
        return active.get().decide(Purpose.INFERENCE, "api.openai.com", 443).proxy().orElseThrow().host();
    }

    @Test
    void aPollPutsAnotherInstancesRevisionInForceWithoutAnyNotification() {
        committedElsewhere("elsewhere.example");
        assertThat(active.revision()).as("nothing moves by itself").isZero();

        follower.poll();

        assertThat(active.revision()).isEqualTo(1);
        assertThat(proxyInForce()).isEqualTo("elsewhere.example");
        assertThat(follower.check().degraded()).isFalse();
        assertThat(follower.check().revision()).isEqualTo(1);
    }

    @Test
    void aNotificationOfANewerRevisionAsksForAPollAndOneAlreadyInForceDoesNot() {
        follower.listen(pollsAskedFor::incrementAndGet);
        committedElsewhere("notified.example");

        notifications.listener().revisionAnnounced(1);
        assertThat(pollsAskedFor).as("revision 1 is ahead of 0").hasValue(1);
        assertThat(active.revision()).as("the notifier's thread only asks; the poll does it").isZero();

        follower.poll();
        notifications.listener().revisionAnnounced(1); // late or doubled: notifications are only hints
        assertThat(pollsAskedFor).as("revision 1 is in force already").hasValue(1);
    }

    @Test
    void listeningAgainAsksForAPollForWhatWasCommittedMeanwhile() {
        follower.listen(pollsAskedFor::incrementAndGet);

        notifications.listener().interrupted("the listening connection was lost");
        assertThat(pollsAskedFor).as("an interruption alone changes nothing").hasValue(0);
        notifications.listener().listening();

        assertThat(pollsAskedFor).hasValue(1);
    }

    @Test
    void closingTheSubscriptionStopsTheNotifications() {
        follower.listen(pollsAskedFor::incrementAndGet).close();

        assertThat(notifications.closed()).isTrue();
    }

    @Test
    void aStoreThatFailsKeepsTheRevisionInForceAndIsReportedUntilItAnswersAgain() {
        committedElsewhere("kept.example");
        follower.poll();
        assertThat(active.revision()).isEqualTo(1);

        store.breakDown();
        follower.poll();

        var report = follower.check();
        assertThat(report.degraded()).isTrue();
        assertThat(report.reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("the configuration store cannot be reached since")
                .contains("in-memory store broken down by the test")
                .contains("outbound traffic follows revision 1 from memory"));
        assertThat(proxyInForce()).isEqualTo("kept.example");
    }
}
