package org.proxyconfig.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * The unit-test fake of the store: revisions in a list, a write transaction staged on a copy and
 * published only when its work returns. It passes the same contract test as the real store.
 */
public final class InMemoryProxyConfigStore implements ProxyConfigStore {

    private record Snapshot(List<Revision> revisions, Optional<String> fingerprint) {
    }

    private volatile Snapshot committed = new Snapshot(List.of(), Optional.empty());
    private boolean unavailable;

    /** Makes every later call fail as a store that cannot be reached. */
    public void breakDown() {
        unavailable = true;
    }

    @Override
    public <T> T read(Function<RevisionLog, T> work) {
        checkAvailable();
        Snapshot snapshot = committed;
        return work.apply(new Log(new ArrayList<>(snapshot.revisions()), snapshot.fingerprint(), false));
    }

    @Override
    public synchronized <T> T write(Function<RevisionLog, T> work) {
        checkAvailable();
        Log staged = new Log(new ArrayList<>(committed.revisions()), committed.fingerprint(), true);
        T result = work.apply(staged);
        committed = new Snapshot(List.copyOf(staged.revisions), staged.fingerprint);
        return result;
    }

    private void checkAvailable() {
        if (unavailable) throw new StoreUnavailableException("in-memory store broken down by the test", null);
    }

    private static final class Log implements RevisionLog {

        private final List<Revision> revisions;
        private final boolean writable;
        private Optional<String> fingerprint;

        Log(List<Revision> revisions, Optional<String> fingerprint, boolean writable) {
            this.revisions = revisions;
            this.fingerprint = fingerprint;
            this.writable = writable;
        }

        @Override
        public Optional<String> declarationFingerprint() {
            return fingerprint;
        }

        @Override
        public void recordDeclarationFingerprint(String fingerprint) {
            if (!writable) throw new IllegalStateException("recordDeclarationFingerprint inside read()");
            this.fingerprint = Optional.of(fingerprint);
        }

        @Override
        public Optional<Revision> latest() {
            return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.getLast());
        }

        @Override
        public Revision append(ProxyConfig config, ProxyRoutes routes, Instant at, String actor) {
            if (!writable) throw new IllegalStateException("append inside read()");
            Revision revision = new Revision(revisions.size() + 1L, at, actor, config, routes);
            revisions.add(revision);
            return revision;
        }

        @Override
        public Optional<Revision> find(long number) {
            return number >= 1 && number <= revisions.size()
                    ? Optional.of(revisions.get((int) number - 1)) : Optional.empty();
        }

        @Override
        public List<Revision> newestFirst(long before, int limit) {
            List<Revision> page = new ArrayList<>();
            for (long n = Math.min(before - 1, revisions.size()); n >= 1 && page.size() < limit; n--) {
                page.add(revisions.get((int) n - 1));
            }
            return page;
        }
    }
}
