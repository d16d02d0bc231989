package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Promise;
import org.proxyconfig.domain.ProxyEndpoint;

/**
 * Where a new connection through a proxy failed: before the proxy was passed — it refused or did
 * not answer the connect, TLS to it failed, it answered the CONNECT with an error, the SOCKS
 * handshake broke — or after, on the way to the target. Only the first makes the next proxy of
 * the list worth trying (failover), and only it sets a proxy aside. The point is marked on the
 * connection's deadline ({@link DeadlineHttpClient}), which wraps a failure before it in
 * {@link BeforeProxyPassed}: when the target's TLS starts over the proxy
 * ({@link #markingAtTargetTls}), or when the proxy handler hands the connection on — after the
 * CONNECT or the SOCKS reply, or at once for an absolute-form request ({@link #markingPassed}).
 * TLS with an {@code https://} proxy on an absolute-form request happens after the connection is
 * made, so {@link Exchange} tells that one failure apart itself.
 */
final class ProxyStage {

    private ProxyStage() {
    }

    /** A factory that marks the proxy passed for the connection it is asked for, then makes it with {@code next}. */
    static ClientConnectionFactory markingPassed(ClientConnectionFactory next) {
        return new ClientConnectionFactory() {
            @Override
            public org.eclipse.jetty.io.Connection newConnection(EndPoint endPoint, Map<String, Object> context)
                    throws IOException {
                markPassed(context);
                return next.newConnection(endPoint, context);
            }
        };
    }

    /**
     * The proxy has been passed for the connection {@code context} is making: marked on its
     * deadline, which Jetty holds wrapped (it tries each resolved address in turn); during the
     * CONNECT, when the context holds the tunnel's own promise instead, nothing is marked.
     */
    static void markPassed(Map<String, Object> context) {
        Object promise = context.get(Connection.PROMISE_CONTEXT_KEY);
        while (promise instanceof Promise.Wrapper<?> wrapper) promise = wrapper.getWrapped();
        if (promise instanceof DeadlineHttpClient.Bounded deadline) deadline.proxyPassed();
    }

    /**
     * The connector's TLS for a connection through {@code proxy}: TLS whose remote address is not
     * the proxy's is the target's, over the tunnel or SOCKS connection, so the proxy has been
     * passed. Inside a CONNECT tunnel Jetty builds the target's connection itself (TLS, then ALPN),
     * so this is the one place that sees the proxy passed before the target's handshake.
     */
    static ClientConnectionFactory markingAtTargetTls(ClientConnectionFactory tls, ProxyEndpoint proxy) {
        return new ClientConnectionFactory() {
            @Override
            public org.eclipse.jetty.io.Connection newConnection(EndPoint endPoint, Map<String, Object> context)
                    throws IOException {
                if (context.get(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY) instanceof InetSocketAddress remote
                        && !(remote.getHostString().equalsIgnoreCase(proxy.host()) && remote.getPort() == proxy.port())) {
                    markPassed(context);
                }
                return tls.newConnection(endPoint, context);
            }
        };
    }

    /** A new connection failed before its proxy was passed: {@link #getCause()} says how. */
    static final class BeforeProxyPassed extends IOException {
        BeforeProxyPassed(Throwable cause) {
            super("before the proxy was passed", cause);
        }
    }
}
