package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.EndPoint;

/**
 * Where a new connection through a proxy failed: before the proxy was passed — it refused or did
 * not answer the connect, TLS to it failed, it answered the CONNECT with an error, the SOCKS
 * handshake broke — or after, on the way to the target. Only the first makes the next proxy of
 * the list worth trying (failover), and only it sets a proxy aside. The proxy handlers mark the
 * point on the connection's deadline ({@link DeadlineHttpClient}), which wraps a failure before
 * it in {@link BeforeProxyPassed}.
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
                if (context.get(Connection.PROMISE_CONTEXT_KEY) instanceof DeadlineHttpClient.Bounded deadline) {
                    deadline.proxyPassed();
                }
                return next.newConnection(endPoint, context);
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
