package org.proxyconfig.application.service;

import java.time.Clock;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesCommand;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * Checks a client's routes against the stored ones and appends them, with the main configuration
 * in force, as a new revision, in one write transaction: the {@code If-Match} check and the
 * {@code "<redacted>"} rule see the very routes the write replaces. Audited and put in force only
 * after the commit, like every write ({@link CommittedWrites}).
 */
public final class ReplaceProxyRoutesService implements ReplaceProxyRoutesUseCase {

    private final ProxyConfigStore store;
    private final CommittedWrites writes;

    public ReplaceProxyRoutesService(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.store = store;
        this.writes = new CommittedWrites(store, clock, listener);
    }

    @Override
    public ProxyRoutes validate(ReplaceProxyRoutesCommand command) {
        return store.read(log -> {
            LatestRevision current = LatestRevision.read(log).requireCurrent(command.expectedRevision());
            return command.draft().resolveAgainst(current.routes());
        });
    }

    @Override
    public Revision replace(ReplaceProxyRoutesCommand command) {
        return writes.write("routes update", log -> {
            LatestRevision previous = LatestRevision.read(log).requireCurrent(command.expectedRevision());
            ProxyRoutes routes = command.draft().resolveAgainst(previous.routes());
            return writes.append(log, previous, previous.with(routes), command.actor());
        });
    }
}
