package org.proxyconfig.application.service;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.Revision;

/**
 * How the writing services change the configuration: one write transaction that may append a
 * revision stamped with the clock, then, only once it is committed, the audit line and the
 * listener. A write that rolls back is neither audited nor put in force.
 */
final class CommittedWrites {

    private final ProxyConfigStore store;
    private final Clock clock;
    private final RevisionListener listener;

    CommittedWrites(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.store = store;
        this.clock = clock;
        this.listener = listener;
    }

    /** Runs {@code work}, which always appends, in one write transaction; audited as {@code action}. */
    Revision write(String action, Function<RevisionLog, Change> work) {
        return writeIfChanged(action, log -> Optional.of(work.apply(log))).orElseThrow();
    }

    /** Like {@link #write}, for work that may decide there is nothing to append. */
    Optional<Revision> writeIfChanged(String action, Function<RevisionLog, Optional<Change>> work) {
        Optional<Change> change = store.write(work);
        change.ifPresent(c -> {
            AuditLog.accepted(action, c.revision(), c.previous());
            listener.revisionCommitted(c.revision());
        });
        return change.map(Change::revision);
    }

    /**
     * Appends {@code next} (its main configuration and its routes) as the newest revision, now, by
     * {@code actor}, replacing {@code previous}; in the work of a write.
     */
    Change append(RevisionLog log, LatestRevision previous, LatestRevision next, String actor) {
        return new Change(previous, log.append(next.config(), next.routes(), clock.instant(), actor));
    }
}
