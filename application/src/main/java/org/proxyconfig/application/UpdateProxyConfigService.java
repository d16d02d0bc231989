package org.proxyconfig.application;

import java.time.Clock;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/**
 * Validates a draft against the stored configuration and appends it as a new revision, all in
 * one write transaction: the check sees the same stored password that the write replaces.
 */
public final class UpdateProxyConfigService implements UpdateProxyConfigUseCase {

    private final ProxyConfigStore store;
    private final Clock clock;

    public UpdateProxyConfigService(ProxyConfigStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Revision update(UpdateProxyConfigCommand command) {
        return store.write(log -> {
            ProxyConfig stored = log.latest().map(Revision::config).orElse(ProxyConfig.DEFAULTS);
            ProxyConfig accepted = command.draft().resolveAgainst(stored);
            return log.append(accepted, clock.instant(), command.actor());
        });
    }
}
