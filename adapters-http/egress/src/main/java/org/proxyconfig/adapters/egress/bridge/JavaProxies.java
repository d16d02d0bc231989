package org.proxyconfig.adapters.egress.bridge;

import java.net.InetSocketAddress;
import java.net.Proxy;
import org.proxyconfig.domain.ProxyEndpoint;

/**
 * Turns the proxy in force into the {@link Proxy} a client is handed, or refuses where the client
 * would not honour it: each refusal is a case where the client, given any answer, would either go
 * direct or do something other than the configuration says.
 */
final class JavaProxies {

    private JavaProxies() {
    }

    /**
     * @throws UnsupportedProxyException when {@code client} cannot use {@code proxy} for {@code target}
     */
    static Proxy toProxy(ProxyEndpoint proxy, HttpClientKind client, RequestTarget target) {
        // Unresolved: the client (or Socket's SOCKS code) resolves the proxy's name when it connects,
        // so a proxy whose address changes in DNS is followed, and nothing is looked up here.
        InetSocketAddress address = InetSocketAddress.createUnresolved(proxy.host(), proxy.port());
        return switch (proxy.scheme()) {
            case "http" -> new Proxy(Proxy.Type.HTTP, address);
            case "https" -> throw refusal(proxy, client, target,
                    "cannot speak TLS to a proxy (it would send the proxy plaintext, which it cannot read)");
            case "socks5", "socks5h" -> {
                if (!client.usesSocks()) {
                    throw refusal(proxy, client, target, "cannot use SOCKS (it would go direct instead)");
                }
                yield new Proxy(Proxy.Type.SOCKS, address);
            }
            case "tcp" -> {
                // tcp promises a CONNECT tunnel for every connection. Every client here tunnels TLS
                // targets; a plain-http request it sends in absolute form instead, which a
                // CONNECT-only relay refuses with an answer the caller would take for the target's.
                if (!target.tls()) {
                    throw refusal(proxy, client, target, "sends plain-http requests in absolute form instead of"
                            + " through the CONNECT tunnel a tcp proxy requires");
                }
                yield new Proxy(Proxy.Type.HTTP, address);
            }
            default -> throw refusal(proxy, client, target, "does not know proxy scheme '" + proxy.scheme() + "'");
        };
    }

    private static UnsupportedProxyException refusal(ProxyEndpoint proxy, HttpClientKind client,
                                                     RequestTarget target, String why) {
        return new UnsupportedProxyException(proxy.scheme() + " proxy configured (" + proxy.toUrl() + ") for "
                + target.authority() + ", and " + client.displayName() + " " + why + ": refusing to go direct");
    }
}
