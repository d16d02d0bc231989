package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.ScriptedChangeNotifications;
import org.proxyconfig.application.port.out.ChangeNotifications;
import org.proxyconfig.application.service.ActiveProxyConfig;
import org.proxyconfig.application.service.GetProxyConfigService;
import org.proxyconfig.application.service.RevisionFollower;
import org.proxyconfig.domain.ProxyConfig;

/**
 * The composition root's driver of the follower: its timer puts another instance's revision in
 * force with no notification, a notification does it at once without waiting for the timer, and
 * closing stops both.
 */
class RevisionPollingTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    /** Only against a hang: far above any real delay, far below the 60 s poll of the notification test. */
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final ActiveProxyConfig active = new ActiveProxyConfig(new GetProxyConfigService(store));
    private final ScriptedChangeNotifications notifications = new ScriptedChangeNotifications();

    private void committedElsewhere(String host) {
        store.write(log -> log.append(ProxyConfig.builder().enabled(true)
                .url("http://" + host + ":3128").enableForInference(true).build(), AT, "other-instance"));
    }

    private RevisionFollower follower(ChangeNotifications notifications) {
        return new RevisionFollower(store, active, notifications, Clock.systemUTC());
    }

    @Test
    void theTimerPutsAnotherInstancesRevisionInForceWithoutAnyNotification() {
        try (RevisionPolling ignored = RevisionPolling.start(follower(ChangeNotifications.NONE), Duration.ofMillis(50))) {
            committedElsewhere("elsewhere.example");
            Eventually.until("the polled revision 1 in force", WITHIN, () -> active.revision() == 1);
        }
    }

    @Test
    void aNotificationIsActedOnAtOnceWithoutWaitingForTheTimer() {
        try (RevisionPolling ignored = RevisionPolling.start(follower(notifications), Duration.ofSeconds(60))) {
            committedElsewhere("notified.example");
            notifications.listener().revisionAnnounced(1);
            // Well before the 60 s poll: only the notification can have done it.
            Eventually.until("the announced revision 1 in force", WITHIN, () -> active.revision() == 1);
        }
    }

    @Test
    void closingStopsListeningAndPolling() {
        RevisionPolling polling = RevisionPolling.start(follower(notifications), Duration.ofMillis(50));
        polling.close();
        assertThat(notifications.closed()).isTrue();
        assertThat(polling.stopped()).as("the timer's thread has ended: no poll can run again").isTrue();

        committedElsewhere("after-close.example");
        notifications.listener().revisionAnnounced(1); // a late notification after the close asks a stopped thread
        assertThat(active.revision()).isZero();
    }

    @Test
    void anIntervalMustBePositive() {
        assertThatThrownBy(() -> RevisionPolling.start(follower(ChangeNotifications.NONE), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
