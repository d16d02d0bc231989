package org.proxyconfig.adapters.http.egress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Secret;

/**
 * A SOCKS5 CONNECT (RFC 1928) with username/password authentication (RFC 1929) when a username is
 * set. The credentials are written on this connection only: nothing JVM-wide
 * ({@code java.net.Authenticator}, system properties) is involved. With {@code remoteDns} the
 * target name travels as a domain (ATYP 3) for the proxy to resolve ({@code socks5h}); otherwise
 * it is resolved here and sent as an address ({@code socks5}).
 */
final class Socks5Handshake {

    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
    private static final int USER_PASS = 2;
    private static final int NO_ACCEPTABLE = 0xFF;

    private Socks5Handshake() {
    }

    static void open(Socket proxy, String proxyName, String host, int port, boolean remoteDns,
                     String username, Secret password, Deadline deadline) throws IOException {
        String target = Hosts.authority(host, port);
        String doing = "SOCKS5 CONNECT " + target + " through the proxy " + proxyName;
        byte[] address = address(host, remoteDns, doing);
        try {
            deadline.apply(proxy, doing, true);
            InputStream in = proxy.getInputStream();
            OutputStream out = proxy.getOutputStream();
            boolean credentials = !username.isEmpty();
            out.write(credentials ? new byte[] {VERSION, 2, NO_AUTH, USER_PASS} : new byte[] {VERSION, 1, NO_AUTH});
            out.flush();
            byte[] choice = readFully(in, 2, doing);
            if (choice[0] != VERSION) throw protocol(doing, "the proxy does not speak SOCKS5");
            int method = choice[1] & 0xFF;
            if (method == USER_PASS && credentials) {
                authenticate(in, out, username, password, doing);
            } else if (method == NO_ACCEPTABLE) {
                throw new EgressException(EgressFailure.SOCKS_AUTH_REJECTED, true, doing
                        + ": the proxy accepts none of the offered methods"
                        + (credentials ? "" : " (it probably requires a username and password)"));
            } else if (method != NO_AUTH) {
                throw protocol(doing, "the proxy chose a method that was not offered (" + method + ")");
            }
            ByteArrayBuilder request = new ByteArrayBuilder()
                    .add(VERSION, 1 /* CONNECT */, 0 /* reserved */).add(address).add(port >> 8, port & 0xFF);
            deadline.apply(proxy, doing, true);
            out.write(request.bytes());
            out.flush();
            byte[] reply = readFully(in, 4, doing);
            if (reply[0] != VERSION) throw protocol(doing, "the proxy's reply is not SOCKS5");
            int code = reply[1] & 0xFF;
            skipBoundAddress(in, reply[3] & 0xFF, doing);
            if (code != 0) {
                throw new EgressException(EgressFailure.PROXY_REFUSED, true,
                        doing + ": the proxy refused: " + replyText(code));
            }
        } catch (SocketTimeoutException e) {
            throw deadline.timeout(doing, true);
        }
    }

    private static void authenticate(InputStream in, OutputStream out, String username, Secret password,
                                     String doing) throws IOException {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] pass = password.reveal().getBytes(StandardCharsets.UTF_8);
        if (user.length > 255 || pass.length > 255) {
            throw new EgressException(EgressFailure.SOCKS_AUTH_REJECTED, true, doing
                    + ": SOCKS5 carries a username and a password of at most 255 bytes each");
        }
        out.write(new ByteArrayBuilder().add(1, user.length).add(user).add(pass.length).add(pass).bytes());
        out.flush();
        byte[] status = readFully(in, 2, doing);
        if (status[1] != 0) {
            throw new EgressException(EgressFailure.SOCKS_AUTH_REJECTED, true,
                    doing + ": the proxy rejected the username or password");
        }
    }

    /** ATYP and address: the name for the proxy to resolve, or the address resolved here. */
    private static byte[] address(String host, boolean remoteDns, String doing) throws EgressException {
        String h = Hosts.unbracket(host);
        if (remoteDns && !Hosts.isIpLiteral(h)) {
            byte[] name = Hosts.stripDot(h).getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new EgressException(EgressFailure.UNKNOWN_HOST, true, doing + ": the host name is too long");
            }
            return new ByteArrayBuilder().add(3, name.length).add(name).bytes();
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new EgressException(EgressFailure.UNKNOWN_HOST, true,
                    doing + ": the host name does not resolve here (socks5 resolves locally; socks5h lets the proxy resolve)");
        }
        return new ByteArrayBuilder().add(ip instanceof Inet4Address ? 1 : 4).add(ip.getAddress()).bytes();
    }

    private static void skipBoundAddress(InputStream in, int type, String doing) throws IOException {
        int length = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> readFully(in, 1, doing)[0] & 0xFF;
            default -> throw protocol(doing, "the proxy's reply has an unknown address type " + type);
        };
        readFully(in, length + 2, doing);
    }

    private static byte[] readFully(InputStream in, int n, String doing) throws IOException {
        try {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) throw new EOFException();
            return bytes;
        } catch (EOFException e) {
            throw protocol(doing, "the proxy closed the connection");
        }
    }

    private static EgressException protocol(String doing, String what) {
        return new EgressException(EgressFailure.UPSTREAM_ERROR, true, doing + ": " + what);
    }

    static String replyText(int code) {
        return switch (code) {
            case 1 -> "general SOCKS server failure (1)";
            case 2 -> "connection not allowed by ruleset (2)";
            case 3 -> "network unreachable (3)";
            case 4 -> "host unreachable (4)";
            case 5 -> "connection refused by the target (5)";
            case 6 -> "TTL expired (6)";
            case 7 -> "command not supported (7)";
            case 8 -> "address type not supported (8)";
            default -> "reply code " + code;
        };
    }

    /** A tiny byte buffer for building handshake messages. */
    private static final class ByteArrayBuilder {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);

        ByteArrayBuilder add(int... values) {
            for (int v : values) out.write(v);
            return this;
        }

        ByteArrayBuilder add(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
