package org.proxyconfig.adapters.http.egress;

import org.proxyconfig.adapters.egress.*;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * Opens outbound connections the way a {@link ProxyRouter} decides (docs/using-the-proxy.md): direct; through an
 * HTTP proxy (plain or TLS to the proxy) with a CONNECT tunnel; through a SOCKS5 proxy (local or
 * proxy-side name resolution); or through a generic TCP proxy, always with CONNECT. The timeout of
 * the configuration bounds connect plus every handshake. A proxied connection that fails is an
 * {@link EgressException}; it is never retried direct. Thread-safe; share one instance.
 */
public final class ProxyConnector {

    private final EgressTls tls;

    /** Direct traffic verified against the JDK's default trust store. */
    public ProxyConnector() {
        this(TrustManagers.system());
    }

    /**
     * @param systemTrust what direct TLS is verified against, and what proxied TLS trusts in
     *                    addition to {@code ca_cert_pem}: the system roots in production
     */
    public ProxyConnector(X509ExtendedTrustManager systemTrust) {
        this.tls = new EgressTls(Objects.requireNonNull(systemTrust, "systemTrust"));
    }

    /**
     * A byte stream to {@code host:port}, routed by {@code router} for {@code purpose}: through a
     * proxy it is always a tunnel (CONNECT or SOCKS), so any protocol can use it.
     *
     * @param tls true to run TLS to the target over it (verified as {@link EgressTls} says)
     * @throws org.proxyconfig.domain.InvalidTargetException when the host or port cannot be routed
     * @throws EgressException when connecting, the proxy or TLS fails
     */
    public EgressConnection connect(ProxyRouter router, Purpose purpose, String host, int port, boolean tls)
            throws EgressException {
        return open(router, purpose, host, port, tls, false);
    }

    /** Like {@link #connect}, but a plain-HTTP target through an {@code http} proxy gets an absolute-form connection. */
    EgressConnection connectForHttp(ProxyRouter router, Purpose purpose, String host, int port, boolean tls)
            throws EgressException {
        return open(router, purpose, host, port, tls, true);
    }

    private EgressConnection open(ProxyRouter router, Purpose purpose, String host, int port, boolean useTls,
                                  boolean absoluteFormAllowed) throws EgressException {
        RouteDecision decision = router.decide(purpose, host, port);
        ProxyConfig config = router.config();
        Deadline deadline = Deadline.inSeconds(config.effectiveTimeoutSeconds());
        String target = Hosts.authority(host, port);
        if (decision.route() == RouteDecision.Route.DIRECT) {
            Socket socket = tcp(Hosts.unbracket(host), port, deadline, target + " (direct)", false);
            try {
                if (useTls) socket = tlsTo(tls.direct(), socket, host, port, true, deadline, target + " (direct)", false);
                return new EgressConnection(socket, decision, false, null);
            } catch (EgressException e) {
                closeQuietly(socket);
                throw e;
            }
        }
        ProxyEndpoint proxy = decision.proxy().orElseThrow();
        String proxyName = proxy.toUrl();
        Socket socket = tcp(proxy.host(), proxy.port(), deadline, "the proxy " + proxyName, true);
        boolean verify = !config.skipTlsVerify();
        try {
            switch (config.type()) {
                case HTTP -> {
                    if (proxy.tlsToProxy()) {
                        socket = tlsTo(tls.proxied(config), socket, proxy.host(), proxy.port(), verify, deadline,
                                "the proxy " + proxyName, true);
                    }
                    if (!useTls && absoluteFormAllowed) {
                        return new EgressConnection(socket, decision, true,
                                HttpConnectHandshake.basicAuthorization(config.username(), config.password()));
                    }
                    HttpConnectHandshake.open(socket, proxyName, host, port, config.username(), config.password(), deadline);
                }
                case TCP -> HttpConnectHandshake.open(socket, proxyName, host, port, config.username(),
                        config.password(), deadline);
                case SOCKS5 -> Socks5Handshake.open(socket, proxyName, host, port, proxy.proxyResolvesNames(),
                        config.username(), config.password(), deadline);
            }
            if (useTls) {
                socket = tlsTo(tls.proxied(config), socket, host, port, verify, deadline,
                        target + " through the proxy " + proxyName, true);
            }
            return new EgressConnection(socket, decision, false, null);
        } catch (EgressException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw classify(e, "talking to the proxy " + proxyName, true, deadline);
        }
    }

    private static Socket tcp(String host, int port, Deadline deadline, String what, boolean viaProxy)
            throws EgressException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), deadline.remainingMillis("connecting to " + what, viaProxy));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw classify(e, "connecting to " + what, viaProxy, deadline);
        }
    }

    private static Socket tlsTo(javax.net.ssl.SSLSocketFactory factory, Socket socket, String host, int port,
                                boolean verify, Deadline deadline, String what, boolean viaProxy)
            throws EgressException {
        try {
            deadline.apply(socket, "TLS handshake with " + what, viaProxy);
            return EgressTls.handshake(factory, socket, Hosts.unbracket(host), port, verify);
        } catch (EgressException e) {
            throw e;
        } catch (IOException e) {
            throw classify(e, "TLS handshake with " + what, viaProxy, deadline);
        }
    }

    /** Turns a socket-level failure into a sanitized {@link EgressException}. */
    static EgressException classify(IOException e, String doing, boolean viaProxy, Deadline deadline) {
        if (e instanceof EgressException egress) return egress;
        if (e instanceof SocketTimeoutException) return deadline.timeout(doing, viaProxy);
        if (e instanceof UnknownHostException) {
            return new EgressException(EgressFailure.UNKNOWN_HOST, viaProxy, doing + ": the host name does not resolve", e);
        }
        if (e instanceof SSLException) {
            return new EgressException(EgressFailure.TLS_FAILURE, viaProxy, doing + ": " + shortText(e), e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new EgressException(EgressFailure.CONNECT_FAILED, viaProxy, doing + ": " + shortText(e), e);
        }
        return new EgressException(EgressFailure.UPSTREAM_ERROR, viaProxy, doing + ": " + shortText(e), e);
    }

    /** The exception's own words, printable and short (JDK socket and TLS messages hold no secrets). */
    static String shortText(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        text = text.replaceAll("[^\\x20-\\x7e]", "?");
        return text.length() > 240 ? text.substring(0, 240) + "..." : text;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing after a failure: the failure is what gets reported
        }
    }
}
