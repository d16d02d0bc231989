package org.proxyconfig.application;

import org.proxyconfig.application.port.out.ProxyConfigStore;

class InMemoryProxyConfigStoreTest extends ProxyConfigStoreContract {

    @Override
    protected ProxyConfigStore emptyStore() {
        return new InMemoryProxyConfigStore();
    }

    @Override
    protected ProxyConfigStore reopened(ProxyConfigStore store) {
        return store;
    }
}
