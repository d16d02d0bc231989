package org.proxyconfig.adapters.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of SOCKS5 (RFC 1928) and of its username/password sub-negotiation (RFC 1929): the
 * messages the client sends and how long the proxy's CONNECT reply is. No I/O; the state machine
 * that speaks them is {@link Socks5Connection}.
 */
final class Socks5Wire {

    static final byte VERSION = 5;
    static final byte NO_AUTH = 0;
    static final byte USER_PASS = 2;
    static final int NO_ACCEPTABLE = 0xFF;
    /** RFC 1929 limits each of username and password to 255 bytes. */
    static final int MAX_CREDENTIAL_BYTES = 255;
    /** A CONNECT reply has a version, a code, a reserved byte and the address type before the address. */
    static final int REPLY_HEAD = 5;

    private Socks5Wire() {
    }

    /** The client's greeting: the methods it offers (username/password only when it has credentials). */
    static byte[] greeting(boolean credentials) {
        return credentials ? new byte[] {VERSION, 2, NO_AUTH, USER_PASS} : new byte[] {VERSION, 1, NO_AUTH};
    }

    /** The username/password request; each at most {@link #MAX_CREDENTIAL_BYTES}. */
    static byte[] credentials(byte[] user, byte[] pass) {
        return ByteBuffer.allocate(3 + user.length + pass.length)
                .put((byte) 1).put((byte) user.length).put(user).put((byte) pass.length).put(pass).array();
    }

    /** CONNECT to {@code address} (from {@link #name} or {@link #ip}) and {@code port}. */
    static byte[] connect(byte[] address, int port) {
        return ByteBuffer.allocate(3 + address.length + 2).put(VERSION).put((byte) 1).put((byte) 0)
                .put(address).putShort((short) port).array();
    }

    /** A host name for the proxy to resolve (ATYP 3), or {@code null} when it is longer than SOCKS5 allows. */
    static byte[] name(String host) {
        byte[] name = Hosts.stripDot(host).getBytes(StandardCharsets.US_ASCII);
        if (name.length > 255) return null;
        return ByteBuffer.allocate(2 + name.length).put((byte) 3).put((byte) name.length).put(name).array();
    }

    /** An IPv4 (ATYP 1) or IPv6 (ATYP 4) address. */
    static byte[] ip(InetAddress ip) {
        byte[] raw = ip.getAddress();
        return ByteBuffer.allocate(1 + raw.length).put((byte) (ip instanceof Inet4Address ? 1 : 4)).put(raw).array();
    }

    /**
     * The whole length of the CONNECT reply that starts at {@code reply}'s position, which holds at
     * least {@link #REPLY_HEAD} bytes; -1 when its address type is unknown.
     */
    static int connectReplyLength(ByteBuffer reply) {
        return switch (reply.get(reply.position() + 3)) {
            case 1 -> 4 + 6;
            case 4 -> 16 + 6;
            case 3 -> 1 + (reply.get(reply.position() + 4) & 0xFF) + 6;
            default -> -1;
        };
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
}
