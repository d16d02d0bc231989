package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.port.out.ChangeNotifications;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/**
 * The follower keeps the configuration in force on the store's newest revision, by notification
 * or, when none comes, by its poll; it reports degraded while the store fails, without changing
 * what is in force.
 */
class RevisionFollowerTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    /** Only against a hang: far above any real delay, far below the 60 s poll of the notification test. */
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final ActiveProxyConfig active = new ActiveProxyConfig(new GetProxyConfigService(store));

    private static ProxyConfig config(String host) {
        return new ProxyConfig(true, ProxyType.HTTP, "http://" + host + ":3128", "", Secret.NONE, "", 0,
                false, false, true, false, "");
    }

    /** Another instance's commit: straight into the store, not through this instance's services. */
    private void committedElsewhere(String host) {
        store.write(log -> log.append(config(host), AT, "other-instance"));
    }

    @Test
    void thePollPutsAnotherInstancesRevisionInForceWithoutAnyNotification() {
        try (RevisionFollower follower = new RevisionFollower(store, active, ChangeNotifications.NONE,
                Duration.ofMillis(50), Clock.systemUTC()).start()) {
            committedElsewhere("elsewhere.example");
            Eventually.until("the polled revision 1 in force", WITHIN, () -> active.revision() == 1);
            assertThat(follower.check().degraded()).isFalse();
            assertThat(follower.check().revision()).isEqualTo(1);
        }
    }

    @Test
    void aNotificationIsActedOnAtOnceWithoutWaitingForThePoll() {
        AtomicReference<ChangeNotifications.Listener> listener = new AtomicReference<>();
        ChangeNotifications notifications = l -> {
            listener.set(l);
            return () -> { };
        };
        try (RevisionFollower ignored = new RevisionFollower(store, active, notifications,
                Duration.ofSeconds(60), Clock.systemUTC()).start()) {
            committedElsewhere("notified.example");
            listener.get().revisionAnnounced(1);
            // Well before the 60 s poll: only the notification can have done it.
            Eventually.until("the announced revision 1 in force", WITHIN, () -> active.revision() == 1);
        }
    }

    @Test
    void aStoreThatFailsKeepsTheRevisionInForceAndIsReportedUntilItAnswersAgain() {
        committedElsewhere("kept.example");
        RevisionFollower follower = new RevisionFollower(store, active, ChangeNotifications.NONE,
                Duration.ofSeconds(60), Clock.systemUTC());
        follower.checkNow();
        assertThat(active.revision()).isEqualTo(1);

        store.breakDown();
        follower.checkNow();

        var report = follower.check();
        assertThat(report.degraded()).isTrue();
        assertThat(report.reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("the configuration store cannot be reached since")
                .contains("in-memory store broken down by the test")
                .contains("outbound traffic follows revision 1 from memory"));
        assertThat(active.get().decide(org.proxyconfig.domain.Purpose.INFERENCE, "api.openai.com", 443)
                .proxy().orElseThrow().host()).isEqualTo("kept.example");
        follower.close();
    }
}
