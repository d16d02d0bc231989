package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing fast path may only say "plain" where the full path would route the host the same
 * way: TargetHost accepts it, reads it as the same name or address, and does not call it always
 * direct; and the rules then pick the same entry from either path.
 */
class PlainTargetTest {

    private static final String ALPHABET = "abcxyzABCXYZ0123456789..--_:[]/ %é\t";

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com", "API.OpenAI.com", "api.openai.com.", "a", "my_host.corp", "x-1.y-2",
            "10.1.2.3", "10.1.2.3.", "203.0.113.9", "100.64.1.1", "foo.1abc", "localhost.example", "a.", "a.metadata"})
    void takesTheFastPathForCommonHosts(String host) {
        assertThat(PlainTarget.scan(host)).isNotEqualTo(PlainTarget.NOT_PLAIN);
        assertSameAsTheFullPath(host);
    }

    /** Always-direct hosts, a few names next to them (the fast path's filter is a cheap superset), and errors. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "a.b.localhost", "metadata", "metadata.google.internal",
            "Metadata.Google.Internal.", "127.0.0.1", "127.9.9.9", "169.254.169.254", "0.0.0.0", "0.1.2.3",
            "100.100.100.200", "::1", "[::1]", "fd00::1", "::ffff:10.1.2.3", "", ".", "a..b", "..", "metadatax.io",
            "exa mple.com", "bücher.de", "host:443", "999.1.1.1", "1.2.3", "010.1.1.1", "0x7f.1", "a.0x1f", "a/b"})
    void leavesEverythingElseToTargetHost(String host) {
        assertThat(PlainTarget.scan(host)).isEqualTo(PlainTarget.NOT_PLAIN);
        assertSameAsTheFullPath(host);
    }

    @Test
    void refusesNull() {
        assertThat(PlainTarget.scan(null)).isEqualTo(PlainTarget.NOT_PLAIN);
    }

    @Test
    void agreesWithTargetHostOnRandomStrings() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder host = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) host.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            assertSameAsTheFullPath(host.toString());
        }
    }

    @Test
    void agreesWithTargetHostOnLongNamesAndLabels() {
        for (int labels = 1; labels <= 5; labels++) {
            for (int length : new int[] {62, 63, 64}) {
                String label = "a".repeat(length);
                assertSameAsTheFullPath(String.join(".", java.util.Collections.nCopies(labels, label)));
            }
        }
        assertSameAsTheFullPath(("a".repeat(63) + ".").repeat(3) + "b".repeat(61));
        assertSameAsTheFullPath(("a".repeat(63) + ".").repeat(3) + "b".repeat(62));
        assertSameAsTheFullPath(("a".repeat(63) + ".").repeat(3) + "b".repeat(61) + ".");
    }

    @Test
    void theRulesPickTheSameEntryOnEitherPath() {
        Random random = new Random(3);
        RuleMix mix = new RuleMix(200, 512);
        List<String> hosts = new ArrayList<>();
        mix.hits.forEach(t -> hosts.add(t.host()));
        mix.misses.forEach(t -> hosts.add(t.host()));
        for (int i = 0; i < 500; i++) hosts.add(NoProxyMatchersTest.randomName(random, 4));
        List<String> small = List.of("*.example:443", ".corp", "a.b", "10.0.0.0/8", "*:8443", "my_host", "svc.x-1");
        for (NoProxyRules rules : List.of(NoProxyRules.of(mix.entries), NoProxyRules.of(small))) {
            for (String host : hosts) {
                for (int port : new int[] {80, 443, 8443}) {
                    long plain = PlainTarget.scan(host);
                    if (plain == PlainTarget.NOT_PLAIN) continue;
                    assertThat(rules.indexOfPlain(host, plain, port)).as("%s:%d", host, port)
                            .isEqualTo(rules.indexOf(TargetHost.parse(host), port));
                }
            }
        }
    }

    private static void assertSameAsTheFullPath(String host) {
        long plain = PlainTarget.scan(host);
        if (plain == PlainTarget.NOT_PLAIN) return;
        TargetHost target = TargetHost.parse(host); // throws, failing the test, if it does not parse
        assertThat(target.isAlwaysDirect()).as("'%s' is always direct", host).isFalse();
        if (PlainTarget.isName(plain)) {
            assertThat(target.ip).as("'%s' is an address", host).isNull();
            assertThat(target.nameFrom).isZero();
            assertThat(PlainTarget.nameEnd(plain)).as(host).isEqualTo(target.nameTo);
            String name = host.substring(0, target.nameTo);
            assertThat(PlainTarget.isLowerCase(plain)).as("'%s' has no capital", host)
                    .isEqualTo(name.equals(name.toLowerCase(java.util.Locale.ROOT)));
        } else {
            assertThat(target.ip).as("'%s' is a name", host).isNotNull();
            assertThat(target.ip.v4).isTrue();
            assertThat(PlainTarget.v4Bits(plain)).as(host).isEqualTo(target.ip.lo);
        }
    }
}
