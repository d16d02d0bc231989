package org.proxyconfig.application.service;

import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;

/**
 * Health from one read of the store per check, for wiring without a {@link RevisionFollower}
 * (tests of the HTTP adapter): the same report, without the memory of when the failure began.
 */
public final class LiveHealthCheck implements CheckHealthUseCase {

    private final GetProxyConfigUseCase getProxyConfig;

    public LiveHealthCheck(GetProxyConfigUseCase getProxyConfig) {
        this.getProxyConfig = getProxyConfig;
    }

    @Override
    public HealthReport check() {
        try {
            return HealthReport.ok(getProxyConfig.current().revision());
        } catch (StoreUnavailableException e) {
            return HealthReport.degraded("the configuration store cannot be reached (" + e.getMessage() + ")", 0);
        } catch (StoreFaultException e) {
            return HealthReport.degraded("the configuration store cannot serve (" + e.getMessage() + ")", 0);
        }
    }
}
