package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.alpn.client.ALPNClientConnectionFactory;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.Secret;

/**
 * One SOCKS5 CONNECT (RFC 1928) on a fresh connection to the proxy, with username/password
 * authentication (RFC 1929) when a username is set; the credentials are written on this connection
 * only. With {@code socks5h} the target's name travels to the proxy (ATYP 3); with {@code socks5}
 * it is resolved here first (off the selector thread, by the client's resolver) and sent as an
 * address. When the proxy has connected, the connection is upgraded to TLS (with ALPN) or to HTTP,
 * exactly as a direct connection would be.
 */
final class Socks5Connection extends AbstractConnection implements org.eclipse.jetty.io.Connection.UpgradeFrom {

    private enum Step { CHOOSE_METHOD, AUTHENTICATE, CONNECT }

    private final ClientConnectionFactory next;
    private final Map<String, Object> context;
    private final ProxyEndpoint proxy;
    private final String username;
    private final Secret password;
    private final Destination destination;
    private final String targetHost;
    private final int targetPort;
    private final String doing;
    /** Replies are at most 262 bytes (a CONNECT reply with a 255-byte name). */
    private final ByteBuffer input = BufferUtil.allocate(512);
    private Step step = Step.CHOOSE_METHOD;
    private byte[] address;

    Socks5Connection(EndPoint endPoint, ClientConnectionFactory next, Map<String, Object> context,
                     ProxyEndpoint proxy, String username, Secret password) {
        super(endPoint, ((Destination) context.get(Destination.CONTEXT_KEY)).getHttpClient().getExecutor());
        this.next = next;
        this.context = context;
        this.proxy = proxy;
        this.username = username;
        this.password = password;
        this.destination = (Destination) context.get(Destination.CONTEXT_KEY);
        this.targetHost = Hosts.unbracket(destination.getOrigin().getAddress().getHost());
        this.targetPort = destination.getOrigin().getAddress().getPort();
        this.doing = "SOCKS5 CONNECT " + Hosts.authority(targetHost, targetPort) + " through the proxy " + proxy.toUrl();
    }

    @Override
    public void onOpen() {
        super.onOpen();
        if (proxy.proxyResolvesNames() || Hosts.isIpLiteral(targetHost)) {
            start(proxy.proxyResolvesNames() && !Hosts.isIpLiteral(targetHost) ? name(targetHost) : literal(targetHost));
            return;
        }
        HttpClient client = destination.getHttpClient();
        client.getSocketAddressResolver().resolve(targetHost, targetPort, context, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> resolved) {
                start(Socks5Wire.ip(resolved.getFirst().getAddress()));
            }

            @Override
            public void failed(Throwable x) {
                fail(new EgressException(EgressFailure.UNKNOWN_HOST, true, doing
                        + ": the host name does not resolve here (socks5 resolves locally; socks5h lets the proxy resolve)", x));
            }
        });
    }

    private void start(byte[] address) {
        if (address == null) return; // already failed
        this.address = address;
        boolean credentials = !username.isEmpty();
        write(Socks5Wire.greeting(credentials));
    }

    @Override
    public void onFillable() {
        try {
            int filled = getEndPoint().fill(input);
            if (filled < 0) throw protocol("the proxy closed the connection");
            switch (step) {
                case CHOOSE_METHOD -> onMethodChosen();
                case AUTHENTICATE -> onAuthenticated();
                case CONNECT -> onConnected();
            }
        } catch (Throwable x) {
            fail(x);
        }
    }

    private void onMethodChosen() throws IOException {
        if (input.remaining() < 2) {
            fillInterested();
            return;
        }
        if (input.get() != Socks5Wire.VERSION) throw protocol("the proxy does not speak SOCKS5");
        int method = input.get() & 0xFF;
        boolean credentials = !username.isEmpty();
        if (method == Socks5Wire.USER_PASS && credentials) {
            byte[] user = username.getBytes(StandardCharsets.UTF_8);
            byte[] pass = password.reveal().getBytes(StandardCharsets.UTF_8);
            if (user.length > Socks5Wire.MAX_CREDENTIAL_BYTES || pass.length > Socks5Wire.MAX_CREDENTIAL_BYTES) {
                throw new EgressException(EgressFailure.SOCKS_AUTH_REJECTED, true, doing
                        + ": SOCKS5 carries a username and a password of at most 255 bytes each");
            }
            step = Step.AUTHENTICATE;
            write(Socks5Wire.credentials(user, pass));
        } else if (method == Socks5Wire.NO_ACCEPTABLE) {
            throw new EgressException(EgressFailure.SOCKS_AUTH_REJECTED, true, doing
                    + ": the proxy accepts none of the offered methods"
                    + (credentials ? "" : " (it probably requires a username and password)"));
        } else if (method == Socks5Wire.NO_AUTH) {
            sendConnect();
        } else {
            throw protocol("the proxy chose a method that was not offered (" + method + ")");
        }
    }

    private void onAuthenticated() throws IOException {
        if (input.remaining() < 2) {
            fillInterested();
            return;
        }
        input.get();
        if (input.get() != 0) {
            throw new EgressException(EgressFailure.SOCKS_AUTH_REJECTED, true,
                    doing + ": the proxy rejected the username or password");
        }
        sendConnect();
    }

    private void sendConnect() {
        step = Step.CONNECT;
        write(Socks5Wire.connect(address, targetPort));
    }

    private void onConnected() throws IOException {
        if (input.remaining() < Socks5Wire.REPLY_HEAD) {
            fillInterested();
            return;
        }
        int length = Socks5Wire.connectReplyLength(input);
        if (length < 0) throw protocol("the proxy's reply has an unknown address type");
        if (input.remaining() < length) {
            fillInterested();
            return;
        }
        if (input.get() != Socks5Wire.VERSION) throw protocol("the proxy's reply is not SOCKS5");
        int code = input.get() & 0xFF;
        input.position(input.position() + length - 2);
        if (code != 0) {
            throw new EgressException(EgressFailure.PROXY_REFUSED, true, doing + ": the proxy refused: " + Socks5Wire.replyText(code));
        }
        tunnel();
    }

    /** The proxy relays bytes now: speak TLS (with ALPN) or HTTP to the target over this connection. */
    private void tunnel() throws IOException {
        context.put(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY, InetSocketAddress.createUnresolved(targetHost, targetPort));
        ClientConnectionFactory factory = next;
        if (destination.isSecure()) {
            HttpClient client = destination.getHttpClient();
            Origin.Protocol protocols = destination.getOrigin().getProtocol();
            if (protocols != null && protocols.isNegotiate()) {
                // Offer h2 and http/1.1 by ALPN, as Jetty does inside its own CONNECT tunnels.
                factory = new ALPNClientConnectionFactory(client.getExecutor(), factory, protocols.getProtocols());
            }
            factory = client.getClientConnector().newSslClientConnectionFactory(null, factory);
        }
        getEndPoint().upgrade(factory.newConnection(getEndPoint(), context));
    }

    @Override
    public ByteBuffer onUpgradeFrom() {
        // Bytes the proxy sent after its reply belong to the target's protocol.
        return input.hasRemaining() ? BufferUtil.copy(input) : null;
    }

    @Override
    public boolean onIdleExpired(java.util.concurrent.TimeoutException timeout) {
        fail(timeout);
        return false;
    }

    private void write(byte[] bytes) {
        getEndPoint().write(Callback.from(this::fillInterested, this::fail), ByteBuffer.wrap(bytes));
    }

    private void fail(Throwable failure) {
        getEndPoint().close(failure);
        @SuppressWarnings("unchecked")
        Promise<Connection> promise = (Promise<Connection>) context.get(Connection.PROMISE_CONTEXT_KEY);
        promise.failed(failure);
    }

    private byte[] name(String host) {
        byte[] name = Socks5Wire.name(host);
        if (name == null) fail(new EgressException(EgressFailure.UNKNOWN_HOST, true, doing + ": the host name is too long for SOCKS5"));
        return name;
    }

    private byte[] literal(String host) {
        try {
            return Socks5Wire.ip(InetAddress.getByName(host)); // an IP literal: parsed, never looked up
        } catch (UnknownHostException e) {
            fail(new EgressException(EgressFailure.UNKNOWN_HOST, true, doing + ": not an IP address"));
            return null;
        }
    }

    private EgressException protocol(String what) {
        return new EgressException(EgressFailure.UPSTREAM_ERROR, true, doing + ": " + what);
    }
}
