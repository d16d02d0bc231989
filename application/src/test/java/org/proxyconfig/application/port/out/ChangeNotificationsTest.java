package org.proxyconfig.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChangeNotifications#NONE}, the notifier of a store only this instance writes to (the
 * embedded database): it never calls its listener, not even to say it is listening (a follower
 * would take that as a reason to read the store), and its subscription closes, more than once.
 */
class ChangeNotificationsTest {

    /** Every call a notifier made, in order. */
    private static final class Heard implements ChangeNotifications.Listener {
        final List<String> calls = new ArrayList<>();

        @Override public synchronized void revisionAnnounced(long revision) { calls.add("revision " + revision); }
        @Override public synchronized void listening() { calls.add("listening"); }
        @Override public synchronized void interrupted(String reason) { calls.add("interrupted: " + reason); }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }
    }

    @Test
    void theEmbeddedDatabaseHasNothingToAnnounce() {
        Heard heard = new Heard();

        ChangeNotifications.Subscription subscription = ChangeNotifications.NONE.listen(heard);

        assertThat(subscription).as("a subscription to close").isNotNull();
        assertThat(heard.calls()).as("nothing announced, no listening, no interruption").isEmpty();
        subscription.close();
        subscription.close(); // idempotent
        assertThat(heard.calls()).as("nothing said on closing either").isEmpty();
    }
}
