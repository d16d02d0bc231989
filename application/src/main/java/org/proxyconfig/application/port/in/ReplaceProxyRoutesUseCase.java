package org.proxyconfig.application.port.in;

import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * Replace the per-target routes ({@code PUT /api/proxy-config/routes}). A write takes a new
 * revision that keeps the main configuration, in the same history as the main object's writes.
 */
public interface ReplaceProxyRoutesUseCase {

    /**
     * What {@link #replace} would store, checked exactly as it would be (the same rules, the same
     * {@code If-Match} check, against the same stored routes), but nothing is stored.
     *
     * @throws org.proxyconfig.domain.ProxyConfigError when a route breaks a rule
     * @throws org.proxyconfig.application.StaleRevisionException when the expected revision is not current
     */
    ProxyRoutes validate(ReplaceProxyRoutesCommand command);

    /**
     * Validates the routes against the stored ones and, when they pass, stores them with the main
     * configuration in force as the newest revision. A refused write changes nothing.
     *
     * @throws org.proxyconfig.domain.ProxyConfigError when a route breaks a rule
     * @throws org.proxyconfig.application.StaleRevisionException when the expected revision is not current
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    Revision replace(ReplaceProxyRoutesCommand command);
}
