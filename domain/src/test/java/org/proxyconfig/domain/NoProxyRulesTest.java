package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NoProxyRulesTest {

    @ParameterizedTest(name = "''{0}'' matches {1}:{2} by ''{3}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # no_proxy                     | host                   | port  | matching entry
            *                              | api.openai.com         | 443   | *
            *                              | 10.1.2.3               | 443   | *
            *                              | ::1                    | 443   | *
            example.com                    | example.com            | 443   | example.com
            example.com                    | EXAMPLE.Com            | 443   | example.com
            EXAMPLE.COM                    | example.com            | 443   | example.com
            example.com                    | example.com.           | 443   | example.com
            example.com.                   | example.com            | 443   | example.com.
            .example.com                   | example.com            | 443   | .example.com
            .example.com                   | api.example.com        | 443   | .example.com
            .example.com                   | a.b.c.example.com      | 443   | .example.com
            .example.com                   | A.Example.COM.         | 443   | .example.com
            *.example.com                  | api.example.com        | 443   | *.example.com
            *.example.com                  | a.b.example.com        | 443   | *.example.com
            10.1.2.3                       | 10.1.2.3               | 443   | 10.1.2.3
            10.1.2.3                       | ::ffff:10.1.2.3        | 443   | 10.1.2.3
            ::1                            | ::1                    | 443   | ::1
            ::1                            | [::1]                  | 443   | ::1
            ::1                            | 0:0:0:0:0:0:0:1        | 443   | ::1
            [::1]                          | ::1                    | 443   | [::1]
            2001:DB8::1                    | 2001:db8:0::1          | 443   | 2001:db8::1
            10.0.0.0/8                     | 10.255.1.2             | 443   | 10.0.0.0/8
            10.0.0.0/8                     | [::ffff:10.9.9.9]      | 443   | 10.0.0.0/8
            192.168.1.0/24                 | 192.168.1.77           | 443   | 192.168.1.0/24
            0.0.0.0/0                      | 8.8.8.8                | 443   | 0.0.0.0/0
            10.1.2.3/32                    | 10.1.2.3               | 443   | 10.1.2.3/32
            fd00::/8                       | fd12:3456::1           | 443   | fd00::/8
            fd00::/8                       | [FD00::1]              | 443   | fd00::/8
            [fd00::/8]                     | fd00::1                | 443   | [fd00::/8]
            2001:db8::/32                  | 2001:db8:ffff::1       | 443   | 2001:db8::/32
            ::ffff:172.16.0.0/108          | 172.16.200.1           | 443   | ::ffff:172.16.0.0/108
            example.com:8443               | example.com            | 8443  | example.com:8443
            .corp:8443                     | git.corp               | 8443  | .corp:8443
            *.corp:8443                    | git.corp               | 8443  | *.corp:8443
            10.1.2.3:80                    | 10.1.2.3               | 80    | 10.1.2.3:80
            10.0.0.0/8:443                 | 10.1.2.3               | 443   | 10.0.0.0/8:443
            [::1]:80                       | ::1                    | 80    | [::1]:80
            [fd00::/8]:443                 | fd00::5                | 443   | [fd00::/8]:443
            fd00::/8:443                   | fd00::5                | 443   | fd00::/8:443
            *:9999                         | anything.example       | 9999  | *:9999
            my_host.corp                   | MY_HOST.corp           | 80    | my_host.corp
            a.com, .b.com, c.com           | x.b.com                | 80    | .b.com
            " a.com , ,  .B.com ,, "       | x.b.com                | 80    | .b.com
            """)
    void matchesHostByEntry(String noProxy, String host, int port, String entry) {
        assertThat(NoProxyRules.parse(noProxy).match(host, port)).contains(entry);
    }

    @ParameterizedTest(name = "''{0}'' does not match {1}:{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                             | example.com            | 443
            example.com                    | api.example.com        | 443
            example.com                    | notexample.com         | 443
            example.com                    | example.co             | 443
            example.com                    | example.com.evil.io    | 443
            .example.com                   | notexample.com         | 443
            .example.com                   | example.com.evil.io    | 443
            .example.com                   | com                    | 443
            *.example.com                  | example.com            | 443
            *.example.com                  | xexample.com           | 443
            10.1.2.3                       | 10.1.2.4               | 443
            ::1                            | ::2                    | 443
            10.0.0.0/8                     | 11.0.0.1               | 443
            10.0.0.0/8                     | ::ffff:11.0.0.1        | 443
            10.0.0.0/8                     | 10.example.com         | 443
            192.168.1.0/24                 | 192.168.2.1            | 443
            fd00::/8                       | fe00::1                | 443
            fd00::/8                       | 253.0.0.1              | 443
            0.0.0.0/0                      | ::2                    | 443
            example.com:8443               | example.com            | 443
            .corp:8443                     | git.corp               | 443
            10.1.2.3:80                    | 10.1.2.3               | 81
            10.0.0.0/8:443                 | 10.1.2.3               | 80
            [::1]:80                       | ::1                    | 443
            *:9999                         | anything.example       | 443
            example.com                    | 93.184.216.34          | 443
            """)
    void doesNotMatchHostOutsideEveryEntry(String noProxy, String host, int port) {
        assertThat(NoProxyRules.parse(noProxy).match(host, port)).isEmpty();
    }

    @Test
    void returnsTheFirstMatchingEntryInListOrder() {
        NoProxyRules rules = NoProxyRules.parse("*.example.com:443, .example.com, api.example.com, *");

        assertThat(rules.match("api.example.com", 443)).contains("*.example.com:443");
        assertThat(rules.match("api.example.com", 80)).contains(".example.com");
        assertThat(rules.match("other.io", 80)).contains("*");
    }

    @Test
    void returnsTheFirstMatchingNetworkInListOrder() {
        NoProxyRules rules = NoProxyRules.parse("10.1.0.0/16, 10.0.0.0/8, 10.1.2.3");

        assertThat(rules.match("10.1.2.3", 1)).contains("10.1.0.0/16");
        assertThat(NoProxyRules.parse("10.1.2.3, 10.0.0.0/8").match("10.1.2.3", 1)).contains("10.1.2.3");
    }

    @Test
    void normalizesEntriesTrimmedLowerCasedWithoutEmptyOnes() {
        NoProxyRules rules = NoProxyRules.parse("  Example.COM , ,, .Corp:8443 ,[FD00::1] ,");

        assertThat(rules.normalized()).isEqualTo("example.com,.corp:8443,[fd00::1]");
        assertThat(rules.entries()).containsExactly("example.com", ".corp:8443", "[fd00::1]");
        assertThat(rules.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , ,, "})
    void parsesBlankListAsNoEntries(String noProxy) {
        NoProxyRules rules = NoProxyRules.parse(noProxy);

        assertThat(rules.size()).isZero();
        assertThat(rules.normalized()).isEmpty();
        assertThat(rules.match("example.com", 443)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            exa mple.com           | entry 'exa mple.com' is not a host name, IP, CIDR or '*': it contains a space
            ok.com, exa mple.com   | entry 'exa mple.com'
            exa$mple.com           | has the character '$'
            bücher.de              | punycode
            foo*.com               | '*' in the wrong place
            *foo.com               | '*' in the wrong place
            a.*.com                | '*' in the wrong place
            **                     | '*' in the wrong place
            .                      | empty
            *.                     | empty
            a..b                   | empty label
            .0.0.1                 | ends in a number, so it cannot be a domain suffix
            *.10.0.0.1             | ends in a number
            300.1.1.1              | is not a valid IPv4 address
            10.1                   | is not a valid IPv4 address
            010.1.1.1              | is not a valid IPv4 address
            ::g                    | is not a valid IPv6 address
            ::1:80:90:zz           | is not a valid IPv6 address
            [::1                   | has '[' without ']'
            [::1]80                | has text after ']'
            [10.0.0.1]             | is not a valid IPv6 address
            example.com:0          | has port '0'
            example.com:65536      | has port '65536'
            example.com:http       | has port 'http'
            example.com:           | has port ''
            [::1]:99999            | has port '99999'
            10.0.0.0/8:0           | has port '0'
            10.0.0.0/33            | has prefix length '33'; IPv4 allows 0..32
            fd00::/129             | has prefix length '129'; IPv6 allows 0..128
            10.0.0.0/              | has prefix length ''
            10.0.0.0/08            | has prefix length '08'
            10.0.0.0/x             | has prefix length 'x'
            10.1.2.3/8             | has bits set after the /8 prefix; did you mean 10.0.0.0/8?
            fd12::/8               | has bits set after the /8 prefix; did you mean fd00::/8?
            example.com/8          | is not a valid IPv4 address
            """)
    void rejectsInvalidEntryNamingItVerbatim(String noProxy, String reason) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> NoProxyRules.parse(noProxy));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo("no_proxy");
        assertThat(e.code()).isEqualTo("invalid_no_proxy");
        assertThat(e.getMessage()).startsWith("no_proxy: ").contains(reason);
    }

    @Test
    void quotesAHugeBadEntryShortened() {
        String entry = "x".repeat(300) + " y";

        assertThatThrownBy(() -> NoProxyRules.parse(entry))
                .hasMessageContaining("entry '" + "x".repeat(80) + "…'")
                .hasMessageNotContaining("x".repeat(81));
    }

    @Test
    void acceptsExactly4096EntriesIn64KiB() {
        String noProxy = distinctEntries(4096) + ",";

        assertThat(noProxy).hasSize(65536);
        NoProxyRules rules = NoProxyRules.parse(noProxy);
        assertThat(rules.size()).isEqualTo(4096);
        assertThat(rules.match("h00000004095.io", 443)).contains("h00000004095.io");
        assertThat(rules.match("h00000000000.io", 443)).contains("h00000000000.io");
        assertThat(rules.match("h00000004096.io", 443)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' {1} times")
    @CsvSource({"'a,', 4097, too_many_entries", "a, 65537, field_too_long"}) // 4,097 entries; 64 KiB + 1
    void rejectsAListPastItsLimits(String piece, int times, String code) {
        String list = piece.repeat(times);

        assertThatThrownBy(() -> NoProxyRules.parse(list))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("no_proxy");
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    void matchesEveryKindAmongThousandsOfEntries() {
        String many = distinctEntries(4000);
        NoProxyRules rules = NoProxyRules.parse(many + ",.deep.corp,*.svc:8443,10.20.0.0/16,fd00::/8,[::1]:80");

        assertThat(rules.match("a.b.c.d.deep.corp", 443)).contains(".deep.corp");
        assertThat(rules.match("x.svc", 8443)).contains("*.svc:8443");
        assertThat(rules.match("10.20.30.40", 443)).contains("10.20.0.0/16");
        assertThat(rules.match("fd00::9", 443)).contains("fd00::/8");
        assertThat(rules.match("::1", 80)).contains("[::1]:80");
        assertThat(rules.match("h00000003999.io", 443)).contains("h00000003999.io");
        assertThat(rules.match("sub.h00000003999.io", 443)).isEmpty();
        assertThat(rules.match("x.svc", 443)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"exa mple.com", "a..b", "999.1.1.1", "1.2.3", "[::1", "::g", "fe80::1%eth0", "host:443",
            "bücher.de", "a/b", "a_b:1"})
    void refusesToMatchAnUnparsableHost(String host) {
        NoProxyRules rules = NoProxyRules.parse("*");

        assertThatThrownBy(() -> rules.match(host, 443))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageStartingWith("target: ");
    }

    @Test
    void refusesToMatchAHostLongerThan253Characters() {
        String host = ("a".repeat(63) + ".").repeat(3) + "b".repeat(61);

        assertThat(NoProxyRules.parse("*").match(host, 443)).contains("*");
        assertThatThrownBy(() -> NoProxyRules.parse("*").match(host + "b", 443))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("longer than 253");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesToMatchAPortOutsideTheRange(int port) {
        assertThatThrownBy(() -> NoProxyRules.parse("*").match("example.com", port))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("port " + port);
    }

    @Test
    void comparesEqualByEntries() {
        assertThat(NoProxyRules.parse("A.com, b.com")).isEqualTo(NoProxyRules.parse("a.com,b.com"));
        assertThat(NoProxyRules.parse("a.com")).isNotEqualTo(NoProxyRules.parse("b.com"));
    }

    /** {@code n} distinct entries of 15 characters each ({@code h00000000042.io}), joined with commas. */
    static String distinctEntries(int n) {
        return IntStream.range(0, n).mapToObj(i -> "h%011d.io".formatted(i)).collect(Collectors.joining(","));
    }
}
