package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The SOCKS5 bytes against RFC 1928 and RFC 1929, byte by byte. */
class Socks5WireTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void theGreetingOffersUsernameAndPasswordOnlyWithCredentials() {
        assertThat(hex(Socks5Wire.greeting(false))).isEqualTo("050100");
        assertThat(hex(Socks5Wire.greeting(true))).isEqualTo("05020002");
    }

    @Test
    void credentialsAreVersionOneWithLengthPrefixes() {
        assertThat(hex(Socks5Wire.credentials("gw".getBytes(), "pw1".getBytes()))).isEqualTo("0102" + "6777" + "03" + "707731");
    }

    @Test
    void connectCarriesANameForTheProxyToResolveOrAnAddress() throws Exception {
        assertThat(hex(Socks5Wire.connect(Socks5Wire.name("api.example."), 443)))
                .isEqualTo("050100" + "03" + "0b" + hex("api.example".getBytes()) + "01bb");
        assertThat(hex(Socks5Wire.connect(Socks5Wire.ip(InetAddress.getByName("10.0.0.5")), 80)))
                .isEqualTo("050100" + "01" + "0a000005" + "0050");
        assertThat(hex(Socks5Wire.ip(InetAddress.getByName("::1")))).isEqualTo("04" + "0".repeat(31) + "1");
        assertThat(Socks5Wire.name("a".repeat(256))).isNull();
    }

    @Test
    void theReplyLengthFollowsItsAddressType() {
        assertThat(Socks5Wire.connectReplyLength(ByteBuffer.wrap(HexFormat.of().parseHex("0500000100")))).isEqualTo(10);
        assertThat(Socks5Wire.connectReplyLength(ByteBuffer.wrap(HexFormat.of().parseHex("0500000400")))).isEqualTo(22);
        assertThat(Socks5Wire.connectReplyLength(ByteBuffer.wrap(HexFormat.of().parseHex("0500000307")))).isEqualTo(14);
        assertThat(Socks5Wire.connectReplyLength(ByteBuffer.wrap(HexFormat.of().parseHex("0500000900")))).isEqualTo(-1);
        assertThat(Socks5Wire.replyText(5)).isEqualTo("connection refused by the target (5)");
    }
}
