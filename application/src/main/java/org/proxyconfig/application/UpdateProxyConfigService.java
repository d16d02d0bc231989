package org.proxyconfig.application;

import java.time.Clock;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/**
 * Validates a draft against the stored configuration and appends it as a new revision, all in
 * one write transaction: the revision check and the "<redacted>" rule see the same stored state
 * that the write replaces. Listeners hear of the new revision only after it is committed.
 */
public final class UpdateProxyConfigService implements UpdateProxyConfigUseCase {

    private final ProxyConfigStore store;
    private final Clock clock;
    private final RevisionListener listener;

    public UpdateProxyConfigService(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.store = store;
        this.clock = clock;
        this.listener = listener;
    }

    public UpdateProxyConfigService(ProxyConfigStore store, Clock clock) {
        this(store, clock, RevisionListener.NONE);
    }

    @Override
    public Revision update(UpdateProxyConfigCommand command) {
        Revision accepted = store.write(log -> {
            long current = log.latest().map(Revision::number).orElse(0L);
            command.expectedRevision().ifPresent(expected -> {
                if (expected != current) throw new StaleRevisionException(expected, current);
            });
            ProxyConfig stored = log.latest().map(Revision::config).orElse(ProxyConfig.DEFAULTS);
            ProxyConfig config = command.draft().resolveAgainst(stored);
            return log.append(config, clock.instant(), command.actor());
        });
        listener.revisionCommitted(accepted);
        return accepted;
    }
}
