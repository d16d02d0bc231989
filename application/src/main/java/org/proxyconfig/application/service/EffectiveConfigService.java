package org.proxyconfig.application.service;

import java.util.Objects;
import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.ReadEffectiveConfigUseCase;

/** The configuration in force, from memory, for the machines that apply it; each hand-over audited. */
public final class EffectiveConfigService implements ReadEffectiveConfigUseCase {

    private final ActiveProxyConfig active;

    public EffectiveConfigService(ActiveProxyConfig active) {
        this.active = Objects.requireNonNull(active, "active");
    }

    @Override
    public CurrentProxyConfig inForce() {
        return active.current();
    }

    @Override
    public void handedOver(CurrentProxyConfig handedOver, Reader reader) {
        AuditLog.handedOver(handedOver.revision(), reader);
    }
}
