package org.proxyconfig.application.port.in;

import java.util.Objects;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;

/**
 * The configuration in force, its per-target routes and the revision they came from.
 *
 * @param revision 0 when nothing was ever stored (then {@code config} holds the defaults)
 * @param routes   {@link ProxyRoutes#NONE} when the revision has none
 */
public record CurrentProxyConfig(long revision, ProxyConfig config, ProxyRoutes routes) {

    public CurrentProxyConfig {
        if (revision < 0) throw new IllegalArgumentException("revision < 0");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(routes, "routes");
    }

    /** A configuration without routes. */
    public CurrentProxyConfig(long revision, ProxyConfig config) {
        this(revision, config, ProxyRoutes.NONE);
    }
}
