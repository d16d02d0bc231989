package org.proxyconfig.application.port.in;

import java.util.Objects;
import org.proxyconfig.domain.ProxyConfig;

/**
 * The configuration in force and the revision it came from.
 *
 * @param revision 0 when nothing was ever stored (then {@code config} holds the defaults)
 */
public record CurrentProxyConfig(long revision, ProxyConfig config) {

    public CurrentProxyConfig {
        if (revision < 0) throw new IllegalArgumentException("revision < 0");
        Objects.requireNonNull(config, "config");
    }
}
