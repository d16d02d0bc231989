package org.proxyconfig.adapters.egress;

import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTP proxy used only through CONNECT tunnels, whatever the target's scheme: the {@code tcp}
 * type, for proxies that relay bytes and never read a request. (Jetty's {@code HttpProxy} sends
 * plain-HTTP requests in absolute form instead, which is right for the {@code http} type.)
 */
final class TunnellingHttpProxy extends HttpProxy {

    TunnellingHttpProxy(Origin.Address address, SslContextFactory.Client tls) {
        super(address, tls);
    }

    @Override
    public boolean requiresTunnel(Origin serverOrigin) {
        return true;
    }
}
