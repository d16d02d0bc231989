package org.proxyconfig.adapters.http.egress;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import org.proxyconfig.domain.RouteDecision;

/**
 * One connected outbound socket and how it was routed. From {@link ProxyConnector#connect} it is a
 * byte stream to the target (direct, or tunnelled through the proxy, TLS already established when
 * asked for). Only the HTTP client may receive a connection to an HTTP proxy that expects an
 * absolute-form request instead of a tunnel.
 */
public final class EgressConnection implements Closeable {

    private final Socket socket;
    private final RouteDecision decision;
    private final boolean absoluteForm;
    private final String proxyAuthorization;

    EgressConnection(Socket socket, RouteDecision decision, boolean absoluteForm, String proxyAuthorization) {
        this.socket = socket;
        this.decision = decision;
        this.absoluteForm = absoluteForm;
        this.proxyAuthorization = proxyAuthorization;
    }

    /** The connected socket: an {@code SSLSocket} when TLS to the target was asked for. */
    public Socket socket() {
        return socket;
    }

    /** Whether it went direct or through the proxy, and which rule decided. */
    public RouteDecision decision() {
        return decision;
    }

    public boolean viaProxy() {
        return decision.route() == RouteDecision.Route.PROXY;
    }

    /** True when the socket goes to an HTTP proxy that expects an absolute-form request. */
    boolean absoluteForm() {
        return absoluteForm;
    }

    /** The {@code Proxy-Authorization} value an absolute-form request carries, or null. */
    String proxyAuthorization() {
        return proxyAuthorization;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        // Never the credentials.
        return "EgressConnection[" + decision.route() + " " + decision.describe() + "]";
    }
}
