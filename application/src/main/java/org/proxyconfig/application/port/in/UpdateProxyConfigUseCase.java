package org.proxyconfig.application.port.in;

import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/** Replace the configuration in force (docs/openapi.yaml, {@code PUT /api/proxy-config}). */
public interface UpdateProxyConfigUseCase {

    /**
     * What {@link #update} would store, checked exactly as it would be (the same rules, the same
     * {@code If-Match} check, against the same stored state), but nothing is stored.
     *
     * @throws org.proxyconfig.domain.ProxyConfigError when the draft breaks a rule
     * @throws org.proxyconfig.application.StaleRevisionException when the expected revision is not current
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    ProxyConfig validate(UpdateProxyConfigCommand command);

    /**
     * Validates the draft against the stored configuration and, when it passes, stores it as the
     * newest revision. A refused update changes nothing.
     *
     * @throws org.proxyconfig.domain.ProxyConfigError when the draft breaks a rule
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    Revision update(UpdateProxyConfigCommand command);
}
