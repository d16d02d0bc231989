package org.proxyconfig.adapters.egress;

import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's HTTP proxy, telling the connection's deadline when the proxy has been passed
 * ({@link ProxyStage}), so that a failure before that point — the proxy cannot be used — is told
 * from one after it, which concerns the target. With {@code tunnelAlways} (the {@code tcp} type,
 * for proxies that relay bytes and never read a request) every connection is a CONNECT tunnel,
 * whatever the target's scheme; otherwise plain-HTTP requests go in absolute form, as the
 * {@code http} type wants.
 */
final class StagedHttpProxy extends HttpProxy {

    private final boolean tunnelAlways;

    StagedHttpProxy(Origin.Address address, SslContextFactory.Client tls, boolean tunnelAlways) {
        super(address, tls);
        this.tunnelAlways = tunnelAlways;
    }

    @Override
    public boolean requiresTunnel(Origin serverOrigin) {
        return tunnelAlways || super.requiresTunnel(serverOrigin);
    }

    /**
     * Jetty calls {@code next} once the tunnel is up (the CONNECT answered 2xx), or at once for an
     * absolute-form request: that is where the proxy has been passed.
     */
    @Override
    public ClientConnectionFactory newClientConnectionFactory(ClientConnectionFactory next) {
        return super.newClientConnectionFactory(ProxyStage.markingPassed(next));
    }
}
