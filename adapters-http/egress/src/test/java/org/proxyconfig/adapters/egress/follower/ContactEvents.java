package org.proxyconfig.adapters.egress.follower;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.domain.ProxyConfig;

/** A follower's listener that keeps its contact events in order ("lost", "restored"), for a test to wait on. */
final class ContactEvents implements ConfigFollower.Listener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void configurationChanged(long revision, ProxyConfig config) {
    }

    @Override
    public void contactLost(String reason) {
        events.add("lost");
    }

    @Override
    public void contactRestored() {
        events.add("restored");
    }

    /** The next event, waited for up to {@link FollowerFixtures#PATIENCE}; null when none came. */
    String next() throws InterruptedException {
        return events.poll(FollowerFixtures.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The events not yet taken by {@link #next()}. */
    List<String> pending() {
        return List.copyOf(events);
    }
}
