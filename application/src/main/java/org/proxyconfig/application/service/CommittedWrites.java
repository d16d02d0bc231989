package org.proxyconfig.application.service;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
     * What a client's conditional write would start from, read without writing (for a dry run):
     * the newest revision, refused as the write would refuse it when it is not the one the client
     * last read ({@code If-Match}).
     */
    LatestRevision currentAsExpected(OptionalLong expected) {
        return store.read(log -> LatestRevision.read(log).requireCurrent(expected));
    }

    /**
     * A client's conditional write, in one write transaction: the newest revision, refused when it
     * is not the one the client last read, replaced by what {@code next} makes of it, by {@code actor}.
     * The check and the {@code "<redacted>"} rule in {@code next} see the very revision the write
     * replaces.
     */
    Revision replaceCurrent(String action, OptionalLong expected, String actor, UnaryOperator<LatestRevision> next) {
        return write(action, log -> {
            LatestRevision previous = LatestRevision.read(log).requireCurrent(expected);
            return append(log, previous, next.apply(previous), actor);
        });
    }

    /**
     * Appends {@code next} (its main configuration and its routes) as the newest revision, now, by
     * {@code actor}, replacing {@code previous}; in the work of a write.
     */
    Change append(RevisionLog log, LatestRevision previous, LatestRevision next, String actor) {
        return new Change(previous, log.append(next.config(), next.routes(), clock.instant(), actor));
    }
}
