package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0,         0",
            "10.1.2.3,        167838211",
            "255.255.255.255, 4294967295",
            "192.168.0.1,     3232235521",
    })
    void parsesDottedQuad(String text, long bits) {
        IpAddress ip = IpAddress.parseV4(text, 0, text.length());

        assertThat(ip).isNotNull();
        assertThat(ip.v4).isTrue();
        assertThat(ip.lo).isEqualTo(bits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.04", "1..2.3",
            "1.2.3.", ".1.2.3", "1.2.3.a", "1.2.3.4 ", "0x1.2.3.4", "1234.1.1.1", "-1.2.3.4"})
    void rejectsAnythingButStrictDottedQuad(String text) {
        assertThat(IpAddress.parseV4(text, 0, text.length())).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "::,                                 0,                    0",
            "::1,                                0,                    1",
            "1::,                                0x0001000000000000,   0",
            "2001:db8::1,                        0x20010db800000000,   1",
            "2001:DB8:0:0:0:0:0:1,               0x20010db800000000,   1",
            "1:2:3:4:5:6:7:8,                    0x0001000200030004,   0x0005000600070008",
            "1:2:3:4:5:6::8,                     0x0001000200030004,   0x0005000600000008",
            "::ffff:10.1.2.3,                    0,                    0x0000ffff0a010203",
            "64:ff9b::192.0.2.33,                0x0064ff9b00000000,   0x00000000c0000221",
            "fe80::1:2,                          0xfe80000000000000,   0x0000000000010002",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -1,              -1",
    })
    void parsesIpv6TextForms(String text, String hi, String lo) {
        IpAddress ip = IpAddress.parseV6(text, 0, text.length());

        assertThat(ip).isNotNull();
        assertThat(ip.v4).isFalse();
        assertThat(ip.hi).isEqualTo(bits(hi));
        assertThat(ip.lo).isEqualTo(bits(lo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:",
            ":1", "12345::", "g::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4:5", "::%eth0", "fe80::1%eth0",
            "1:2:3:4:5:6:7:8::", "[::1]"})
    void rejectsInvalidIpv6(String text) {
        assertThat(IpAddress.parseV6(text, 0, text.length())).isNull();
    }

    @ParameterizedTest
    @CsvSource({"::ffff:127.0.0.1, true", "::ffff:7f00:1, true", "::1, false", "::127.0.0.1, false"})
    void unmapsOnlyIpv4MappedAddresses(String text, boolean mapped) {
        IpAddress ip = IpAddress.parseV6(text, 0, text.length());

        assertThat(ip.unmapped().v4).isEqualTo(mapped);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, 10.1.2.3", "fd00::, fd00::", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "::1, ::1"})
    void writesConventionalTextForm(String text, String expected) {
        IpAddress ip = text.contains(":") ? IpAddress.parseV6(text, 0, text.length()) : IpAddress.parseV4(text, 0, text.length());

        assertThat(ip.toText()).isEqualTo(expected);
    }

    private static long bits(String text) {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
    }
}
