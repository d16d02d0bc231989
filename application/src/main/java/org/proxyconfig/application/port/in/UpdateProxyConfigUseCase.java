package org.proxyconfig.application.port.in;

import org.proxyconfig.domain.Revision;

/** Replace the configuration in force (SPEC §2). */
public interface UpdateProxyConfigUseCase {

    /**
     * Validates the draft against the stored configuration and, when it passes, stores it as the
     * newest revision. A refused update changes nothing.
     *
     * @throws org.proxyconfig.domain.ProxyConfigError when the draft breaks a rule
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    Revision update(UpdateProxyConfigCommand command);
}
