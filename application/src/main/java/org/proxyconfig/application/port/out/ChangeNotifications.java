package org.proxyconfig.application.port.out;

/**
 * Tells this instance, as soon as possible, that a revision was committed somewhere, possibly by
 * another instance on the same store. Best effort: a notification may be late, doubled or lost
 * (a dropped connection), so a listener treats it as a hint to read the store, never as data.
 */
public interface ChangeNotifications {

    /** For a store only this instance writes to (the embedded database): nothing to hear. */
    ChangeNotifications NONE = listener -> () -> { };

    /** Starts delivering to {@code listener}, from a thread of the notifier's own, until closed. */
    Subscription listen(Listener listener);

    /** What a notifier reports. Calls must return quickly: they run on the notifier's thread. */
    interface Listener {

        /** Revision {@code revision} was committed. */
        void revisionAnnounced(long revision);

        /** Listening (again): anything committed while it was not may have been missed. */
        void listening();

        /** Listening stopped for {@code reason} (no secret in it); the notifier retries by itself. */
        void interrupted(String reason);
    }

    /** Stops the delivery; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
