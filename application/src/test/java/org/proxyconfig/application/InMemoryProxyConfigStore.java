package org.proxyconfig.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/**
 * The unit-test fake of the store: revisions in a list, a write transaction staged on a copy and
 * published only when its work returns. It passes the same contract test as the real store.
 */
public final class InMemoryProxyConfigStore implements ProxyConfigStore {

    private volatile List<Revision> committed = List.of();
    private boolean unavailable;

    /** Makes every later call fail as a store that cannot be reached. */
    public void breakDown() {
        unavailable = true;
    }

    @Override
    public <T> T read(Function<RevisionLog, T> work) {
        checkAvailable();
        return work.apply(new Log(new ArrayList<>(committed)));
    }

    @Override
    public synchronized <T> T write(Function<RevisionLog, T> work) {
        checkAvailable();
        Log staged = new Log(new ArrayList<>(committed));
        T result = work.apply(staged);
        committed = List.copyOf(staged.revisions);
        return result;
    }

    private void checkAvailable() {
        if (unavailable) throw new StoreUnavailableException("in-memory store broken down by the test", null);
    }

    private record Log(List<Revision> revisions) implements RevisionLog {

        @Override
        public Optional<Revision> latest() {
            return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.getLast());
        }

        @Override
        public Revision append(ProxyConfig config, Instant at, String actor) {
            Revision revision = new Revision(revisions.size() + 1L, at, actor, config);
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
