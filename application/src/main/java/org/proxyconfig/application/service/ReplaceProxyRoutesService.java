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

    private final CommittedWrites writes;

    public ReplaceProxyRoutesService(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.writes = new CommittedWrites(store, clock, listener);
    }

    @Override
    public ProxyRoutes validate(ReplaceProxyRoutesCommand command) {
        return command.draft().resolveAgainst(writes.currentAsExpected(command.expectedRevision()).routes());
    }

    @Override
    public Revision replace(ReplaceProxyRoutesCommand command) {
        return writes.replaceCurrent("routes update", command.expectedRevision(), command.actor(),
                previous -> previous.with(command.draft().resolveAgainst(previous.routes())));
    }
}
