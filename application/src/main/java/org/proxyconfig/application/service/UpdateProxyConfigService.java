package org.proxyconfig.application.service;

import java.time.Clock;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/**
 * Validates a draft against the stored configuration and appends it as a new revision, all in
 * one write transaction: the revision check and the "<redacted>" rule see the same stored state
 * that the write replaces. The stored per-target routes are carried over unchanged. The audit line
 * and the listeners come only after the commit.
 */
public final class UpdateProxyConfigService implements UpdateProxyConfigUseCase {

    private final CommittedWrites writes;

    public UpdateProxyConfigService(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.writes = new CommittedWrites(store, clock, listener);
    }

    public UpdateProxyConfigService(ProxyConfigStore store, Clock clock) {
        this(store, clock, RevisionListener.NONE);
    }

    @Override
    public ProxyConfig validate(UpdateProxyConfigCommand command) {
        return command.draft().resolveAgainst(writes.currentAsExpected(command.expectedRevision()).config());
    }

    @Override
    public Revision update(UpdateProxyConfigCommand command) {
        // The routes are kept: a client of the main object (Bifrost's) knows nothing of them.
        return writes.replaceCurrent("update", command.expectedRevision(), command.actor(),
                previous -> previous.with(command.draft().resolveAgainst(previous.config())));
    }
}
