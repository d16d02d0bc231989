package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two matchers answer the same question two ways (a scan in list order, hash look-ups), and
 * NoProxyRules switches between them at {@link NoProxyRules#SMALL_LIST}: they must give the same
 * entry for every target, whatever the list, or the answer would change with the list's length.
 */
class NoProxyMatchersTest {

    private static final String[] LABELS = {"a", "b", "corp", "example", "svc", "x-1", "my_host"};
    private static final String[] ADDRESS_ENTRIES = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "10.1.2.3/32",
            "192.168.1.0/24", "0.0.0.0/0", "::1", "[::1]", "fd00::/8", "[fd00::/8]", "2001:db8::/32",
            "::ffff:10.0.0.0/104", "::ffff:10.1.2.3", "fd00::1"};
    private static final String[] V4_TARGETS = {"10.1.2.3", "10.1.9.9", "10.200.0.1", "192.168.1.7", "192.168.2.7",
            "8.8.8.8", "::ffff:10.1.2.3", "[::ffff:192.168.1.1]"};
    private static final String[] V6_TARGETS = {"::1", "[::1]", "fd00::1", "fd12:3456::9", "2001:db8:1::1",
            "2001:db9::1", "fe00::1"};
    private static final int[] PORTS = {80, 443, 8443};

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void agreeOnEveryTargetOfTheBenchmarkMix(int size) {
        RuleMix mix = new RuleMix(size, 1024);
        List<NoProxyEntry> entries = mix.entries.stream().map(NoProxyParser::parse).toList();
        List<RuleMix.Target> targets = new ArrayList<>(mix.hits);
        targets.addAll(mix.misses);

        assertAgree(entries, targets);
    }

    @Test
    void agreeOnRandomListsOfEveryKindOfEntry() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int size = 1 + random.nextInt(2 * NoProxyRules.SMALL_LIST);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < size; i++) texts.add(randomEntry(random));
            List<NoProxyEntry> entries = texts.stream().map(NoProxyParser::parse).toList();
            List<RuleMix.Target> targets = new ArrayList<>();
            for (int t = 0; t < 200; t++) targets.add(randomTarget(random));

            assertAgree(entries, targets);
        }
    }

    @Test
    void bothReturnTheFirstMatchingEntryInListOrder() {
        List<NoProxyEntry> entries = parse("*.example:443", ".example", "api.example", "10.0.0.0/8:80", "10.1.2.3", "*");
        for (NoProxyMatcher matcher : List.of(new NoProxyList(entries), NoProxyIndex.of(entries))) {
            assertThat(name(matcher, "api.example", 443)).as(matcher.getClass().getSimpleName()).isEqualTo(0);
            assertThat(name(matcher, "API.Example", 80)).isEqualTo(1);
            assertThat(name(matcher, "example", 443)).isEqualTo(1);
            assertThat(name(matcher, "other.io", 443)).isEqualTo(5);
            assertThat(matcher.v4(0x0A01_0203L, 80)).isEqualTo(3);
            assertThat(matcher.v4(0x0A01_0203L, 443)).isEqualTo(4);
            assertThat(matcher.v6(0, 1, 443)).isEqualTo(5);
        }
    }

    @Test
    void aNameNeverMatchesAnAddressEntryNorTheOtherWayRound() {
        List<NoProxyEntry> entries = parse("10.1.2.3", "fd00::/8", "example.com");
        for (NoProxyMatcher matcher : List.of(new NoProxyList(entries), NoProxyIndex.of(entries))) {
            assertThat(name(matcher, "example.com", 443)).isEqualTo(2);
            assertThat(name(matcher, "fd00.example", 443)).isEqualTo(NoProxyMatcher.NONE);
            assertThat(matcher.v4(0x0A01_0204L, 443)).isEqualTo(NoProxyMatcher.NONE);
        }
    }

    @Test
    void theRulesUseTheListUpToTheThresholdAndTheIndexAfter() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i <= NoProxyRules.SMALL_LIST; i++) entries.add("h" + i + ".example");

        assertThat(NoProxyRules.of(entries.subList(0, NoProxyRules.SMALL_LIST))).extracting("matcher")
                .isInstanceOf(NoProxyList.class);
        assertThat(NoProxyRules.of(entries)).extracting("matcher").isInstanceOf(NoProxyIndex.class);
    }

    private static void assertAgree(List<NoProxyEntry> entries, List<RuleMix.Target> targets) {
        NoProxyMatcher list = new NoProxyList(entries);
        NoProxyMatcher index = NoProxyIndex.of(entries);
        for (RuleMix.Target target : targets) {
            TargetHost host = TargetHost.parse(target.host());
            assertThat(list.target(host, target.port())).as("%s against %s", target, entries)
                    .isEqualTo(index.target(host, target.port()));
        }
    }

    private static int name(NoProxyMatcher matcher, String host, int port) {
        return matcher.target(TargetHost.parse(host), port);
    }

    private static List<NoProxyEntry> parse(String... entries) {
        return List.of(entries).stream().map(NoProxyParser::parse).toList();
    }

    private static String randomEntry(Random random) {
        String port = random.nextInt(4) == 0 ? ":" + PORTS[random.nextInt(PORTS.length)] : "";
        return switch (random.nextInt(10)) {
            case 0 -> "*" + port;
            case 1, 2 -> "." + randomName(random, 2) + port;
            case 3, 4 -> "*." + randomName(random, 2) + port;
            case 5, 6 -> randomName(random, 3) + (random.nextBoolean() ? "." : "") + port;
            default -> {
                String address = ADDRESS_ENTRIES[random.nextInt(ADDRESS_ENTRIES.length)];
                boolean bare = !address.startsWith("[") && address.indexOf(':') >= 0 && address.indexOf('/') < 0;
                yield bare ? address : address + port; // a bare IPv6 literal takes no port
            }
        };
    }

    private static RuleMix.Target randomTarget(Random random) {
        int port = PORTS[random.nextInt(PORTS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> new RuleMix.Target(V4_TARGETS[random.nextInt(V4_TARGETS.length)], port);
            case 1 -> new RuleMix.Target(V6_TARGETS[random.nextInt(V6_TARGETS.length)], port);
            default -> {
                String name = randomName(random, 4);
                if (random.nextBoolean()) name = name.toUpperCase(java.util.Locale.ROOT);
                yield new RuleMix.Target(random.nextInt(5) == 0 ? name + "." : name, port);
            }
        };
    }

    /** One to {@code maxLabels} labels from a small vocabulary, so that entries and targets meet. */
    static String randomName(Random random, int maxLabels) {
        StringBuilder name = new StringBuilder(LABELS[random.nextInt(LABELS.length)]);
        for (int n = random.nextInt(maxLabels); n > 0; n--) name.append('.').append(LABELS[random.nextInt(LABELS.length)]);
        return name.toString();
    }
}
