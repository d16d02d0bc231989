package org.proxyconfig.adapters.egress;

import java.util.Map;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.Secret;

/**
 * A SOCKS5 proxy for Jetty, with the two things Jetty's own {@code Socks5Proxy} lacks: the choice
 * of who resolves the target's name ({@code socks5} here, {@code socks5h} at the proxy — Jetty always
 * sends the name) and failures with the kinds an operator can act on (credentials rejected, the
 * proxy refused the target). The handshake itself is {@link Socks5Connection}.
 */
final class Socks5Route extends ProxyConfiguration.Proxy {

    private final ProxyEndpoint endpoint;
    private final String username;
    private final Secret password;

    Socks5Route(ProxyEndpoint endpoint, String username, Secret password) {
        super(new Origin.Address(endpoint.host(), endpoint.port()), false, null, null);
        this.endpoint = endpoint;
        this.username = username;
        this.password = password;
    }

    @Override
    public ClientConnectionFactory newClientConnectionFactory(ClientConnectionFactory target) {
        // The handshake hands the connection on to the target's protocol: the proxy has been passed.
        ClientConnectionFactory next = ProxyStage.markingPassed(target);
        return new ClientConnectionFactory() {
            @Override
            public org.eclipse.jetty.io.Connection newConnection(EndPoint endPoint, Map<String, Object> context) {
                return customize(new Socks5Connection(endPoint, next, context, endpoint, username, password), context);
            }
        };
    }
}
