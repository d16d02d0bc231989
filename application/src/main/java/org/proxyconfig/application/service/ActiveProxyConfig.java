package org.proxyconfig.application.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Revision;

/**
 * The configuration in force on this instance, and its routing decision for outbound clients
 * (the main configuration and the per-target routes of one revision, compiled together): compiled
 * once per revision and swapped atomically when a newer revision is committed, so the
 * very next request follows it and no request ever sees half of a change. Reading it costs one
 * volatile read. Watchers wait here for the next swap.
 */
public final class ActiveProxyConfig implements RevisionListener, Supplier<ProxyRouter>, WatchProxyConfigUseCase {

    private record Active(CurrentProxyConfig current, ProxyRouter router) {
        static Active of(CurrentProxyConfig current) {
            return new Active(current, ProxyRouter.compile(current.config(), current.routes()));
        }
    }

    private volatile Active active;
    /**
     * Completed, and replaced, at every swap: a watcher takes it before looking at the revision, so
     * a swap that happens after the look wakes it. One future for all watchers, however many.
     */
    private volatile CompletableFuture<Void> nextSwap = new CompletableFuture<>();
    private volatile boolean watchesStopped;
    private final AtomicInteger watching = new AtomicInteger();

    public ActiveProxyConfig(GetProxyConfigUseCase initial) {
        this.active = Active.of(initial.current());
    }

    @Override
    public ProxyRouter get() {
        return active.router();
    }

    /** The configuration in force and its revision. */
    @Override
    public CurrentProxyConfig current() {
        return active.current();
    }

    public long revision() {
        return active.current().revision();
    }

    @Override
    public synchronized void revisionCommitted(Revision revision) {
        // Commits can be reported out of order by concurrent writers: never go back.
        if (revision.number() > revision()) {
            active = Active.of(new CurrentProxyConfig(revision.number(), revision.config(), revision.routes()));
            wakeWatchers();
        }
    }

    @Override
    public boolean awaitNewerThan(long revision, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        watching.incrementAndGet();
        try {
            while (true) {
                CompletableFuture<Void> swap = nextSwap; // before the look: see the field's comment
                if (revision() > revision) return true;
                long left = deadline - System.nanoTime();
                if (watchesStopped || left <= 0) return false;
                try {
                    swap.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    return revision() > revision;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the swap signal never fails", e);
                }
            }
        } finally {
            watching.decrementAndGet();
        }
    }

    /** How many watchers are waiting now. */
    public int watching() {
        return watching.get();
    }

    /**
     * Answers every waiting watcher now, and every later one at once: at shutdown, so held
     * requests end promptly instead of holding the server's stop for minutes.
     */
    public void stopWatches() {
        watchesStopped = true;
        synchronized (this) {
            wakeWatchers();
        }
    }

    private void wakeWatchers() {
        CompletableFuture<Void> woken = nextSwap;
        nextSwap = new CompletableFuture<>();
        woken.complete(null);
    }
}
