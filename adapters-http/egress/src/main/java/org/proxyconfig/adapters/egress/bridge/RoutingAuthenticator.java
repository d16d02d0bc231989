package org.proxyconfig.adapters.egress.bridge;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Secret;

/**
 * An {@link Authenticator} that gives the configured proxy credentials to the proxy in force (the
 * main one, or a per-target route's own proxy with its own credentials) and to nothing else: not to a target server that answers 401 (that would hand the proxy password
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

    /** A proxy in force and the credentials it is given. */
    private record Credentials(ProxyEndpoint proxy, String username, Secret password) {
    }

    /**
     * The credentials of the proxy that asks: the main proxy's (or a fallback's), or those of a
     * per-target route's own proxy (or one of its fallbacks). When proxies at that address would get different credentials (two route proxies on
     * one host and port with different users), none are given: this callback cannot tell which
     * request asks, and the wrong one would hand a password to another account.
     */
    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        ProxyRouter router = routing.get();
        ProxyConfig config = router.config();
        if (!config.enabled()) return null;
        List<Credentials> inForce = new ArrayList<>();
        // Every proxy of each list, fallbacks included: they share their list's credentials.
        config.proxies().ifPresent(list -> list.inOrder().forEach(endpoint ->
                inForce.add(new Credentials(endpoint, config.username(), config.password()))));
        router.routes().routes().forEach(route -> route.via().ownProxy().ifPresent(own -> own.proxies().inOrder()
                .forEach(endpoint -> inForce.add(new Credentials(endpoint, own.username(), own.password())))));
        List<Credentials> asking = inForce.stream().filter(c -> isTheProxyAsking(c.proxy())).distinct().toList();
        if (asking.size() != 1 || asking.getFirst().username().isEmpty()) return null;
        return new PasswordAuthentication(asking.getFirst().username(), asking.getFirst().password().reveal().toCharArray());
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
