package org.proxyconfig.application;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.proxyconfig.application.port.out.ChangeNotifications;

/** A notifier the test plays: it keeps the listener subscribed to it and whether it was unsubscribed. */
public final class ScriptedChangeNotifications implements ChangeNotifications {

    private final AtomicReference<Listener> listener = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public Subscription listen(Listener subscriber) {
        listener.set(subscriber);
        return () -> closed.set(true);
    }

    /** The subscribed listener, to announce to; fails when nobody subscribed. */
    public Listener listener() {
        Listener subscribed = listener.get();
        if (subscribed == null) throw new AssertionError("nobody listens");
        return subscribed;
    }

    public boolean closed() {
        return closed.get();
    }
}
