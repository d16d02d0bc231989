package org.proxyconfig.application;

import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyConfig;

/** Reads the newest revision, or the defaults when the store is empty. */
public final class GetProxyConfigService implements GetProxyConfigUseCase {

    private final ProxyConfigStore store;

    public GetProxyConfigService(ProxyConfigStore store) {
        this.store = store;
    }

    @Override
    public CurrentProxyConfig current() {
        return store.read(log -> log.latest()
                .map(r -> new CurrentProxyConfig(r.number(), r.config()))
                .orElseGet(() -> new CurrentProxyConfig(0, ProxyConfig.DEFAULTS)));
    }
}
