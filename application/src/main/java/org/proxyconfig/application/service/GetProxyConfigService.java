package org.proxyconfig.application.service;

import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyConfig;

/**
 * Reads the newest revision, or the defaults when the store is empty. Every read asks the store
 * for the newest revision number (so it is as fresh as the store, and fails when the store is
 * down), but the revision itself is read, decrypted and validated only when that number moved:
 * a revision never changes once written, so the last one read can be reused.
 */
public final class GetProxyConfigService implements GetProxyConfigUseCase {

    private static final CurrentProxyConfig NOTHING_STORED = new CurrentProxyConfig(0, ProxyConfig.DEFAULTS);

    private final ProxyConfigStore store;
    private volatile CurrentProxyConfig lastRead = NOTHING_STORED;

    public GetProxyConfigService(ProxyConfigStore store) {
        this.store = store;
    }

    @Override
    public CurrentProxyConfig current() {
        CurrentProxyConfig known = lastRead;
        CurrentProxyConfig current = store.read(log -> log.latestNumber() == known.revision() ? known
                : log.latest().map(r -> new CurrentProxyConfig(r.number(), r.config(), r.routes())).orElse(NOTHING_STORED));
        lastRead = current;
        return current;
    }
}
