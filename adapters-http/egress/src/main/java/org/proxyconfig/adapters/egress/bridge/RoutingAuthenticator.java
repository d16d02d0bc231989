package org.proxyconfig.adapters.egress.bridge;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyRouter;

/**
 * An {@link Authenticator} that gives the configured proxy credentials to the proxy in force and
 * to nothing else: not to a target server that answers 401 (that would hand the proxy password
 * to a third party), not to a proxy that is no longer the configured one. Read live, like
 * {@link RoutingProxySelector}.
 *
 * <p>Two kinds of request are answered, both only when the requesting host and port are the proxy
 * in force: {@link RequestorType#PROXY} for an http, https or tcp proxy (Basic after a 407), and
 * protocol {@code SOCKS5} for a socks5/socks5h proxy. The JDK's SOCKS client asks the
 * <em>default</em> authenticator with requestor type SERVER, protocol {@code SOCKS5} and no URL;
 * no HTTP server can ask that way, so this is no opening for a target.
 *
 * <p>The JDK disables Basic for CONNECT tunnels by default
 * ({@code jdk.http.auth.tunneling.disabledSchemes=Basic}): without clearing that property the
 * clients never ask for an HTTPS target, and the proxy's 407 is the answer (docs/using-the-proxy.md).
 */
public final class RoutingAuthenticator extends Authenticator {

    /** The protocol the JDK's SOCKS client (java.net.SocksSocketImpl) asks with. */
    private static final String SOCKS5_PROTOCOL = "SOCKS5";

    private final Supplier<ProxyRouter> routing;

    public RoutingAuthenticator(Supplier<ProxyRouter> routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        ProxyConfig config = routing.get().config();
        if (!config.enabled() || config.username().isEmpty() || config.endpoint().isEmpty()) return null;
        ProxyEndpoint proxy = config.endpoint().get();
        if (!isTheProxyAsking(proxy)) return null;
        return new PasswordAuthentication(config.username(), config.password().reveal().toCharArray());
    }

    private boolean isTheProxyAsking(ProxyEndpoint proxy) {
        boolean socks = proxy.scheme().startsWith("socks5");
        boolean askedRightly = socks
                ? SOCKS5_PROTOCOL.equals(getRequestingProtocol()) && getRequestingURL() == null
                : getRequestorType() == RequestorType.PROXY;
        return askedRightly && getRequestingPort() == proxy.port() && sameHost(getRequestingHost(), proxy.host());
    }

    /** The clients pass the host as given in the {@code Proxy}: the configured name or literal, maybe bracketed. */
    private static boolean sameHost(String requesting, String configured) {
        if (requesting == null) return false;
        String host = requesting.startsWith("[") && requesting.endsWith("]")
                ? requesting.substring(1, requesting.length() - 1) : requesting;
        return host.toLowerCase(Locale.ROOT).equals(configured);
    }
}
