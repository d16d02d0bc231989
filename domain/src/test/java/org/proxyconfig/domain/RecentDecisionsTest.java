package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A router remembers its recent decisions: a repeated one is looked up, and never another key's. */
class RecentDecisionsTest {

    private final ProxyConfig config = ProxyConfig.builder().enabled(true)
            .url("http://proxy.corp:3128").noProxy(".internal.example,api.example.com,10.0.0.0/8:443")
            .enableForInference(true).enableForApi(true).build();
    private final ProxyRouter router = ProxyRouter.compile(config);

    /**
     * An always-direct host: the one decision made anew each time it is decided (a proxied or
     * no_proxy decision is a shared object made at compile time), so only a remembered one is the same.
     */
    @Test
    void aRepeatedDecisionIsTheOneMadeFirst() {
        RouteDecision first = router.decide(Purpose.INFERENCE, "localhost", 443);

        assertThat(router.decideTarget(Purpose.INFERENCE, "localhost", 443)).isNotSameAs(first).isEqualTo(first);
        assertThat(router.decide(Purpose.INFERENCE, "localhost", 443)).isSameAs(first);
        assertThat(router.decide(Purpose.INFERENCE, new String("localhost"), 443)).isSameAs(first);
    }

    /** Far more keys than slots, in a shuffled order, twice: each answer is the one a router that remembers nothing gives. */
    @Test
    void keysThatShareASlotNeverGetEachOthersDecision() {
        List<Object[]> keys = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            String host = switch (i % 4) {
                case 0 -> "h" + i + ".internal.example";
                case 1 -> "host-" + i + ".example.org";
                case 2 -> "10.0." + (i / 256 % 256) + "." + (i % 256);
                default -> i % 8 == 3 ? "API.Example.com" : "api.example.com";
            };
            keys.add(new Object[] {Purpose.values()[i % 3], host, i % 5 == 0 ? 443 : 80 + i % 7});
        }
        int forced = 0;
        for (int round = 0; round < 2; round++) {
            Collections.shuffle(keys, new Random(round));
            for (Object[] key : keys) {
                Purpose purpose = (Purpose) key[0];
                String host = (String) key[1];
                int port = (int) key[2];
                assertThat(router.decide(purpose, host, port)).as("%s %s:%d", purpose, host, port)
                        .isEqualTo(ProxyRouter.compile(config).decide(purpose, host, port));
                if (purpose != Purpose.SCIM && port == 443 && host.startsWith("10.")) {
                    // Right after a DIRECT decision was kept, the same host on a port of the same slot:
                    // only the port tells the two apart, and it is PROXY.
                    int other = portInTheSameSlot(purpose, host, port);
                    RouteDecision decided = router.decide(purpose, host, other);
                    assertThat(decided).as("%s %s:%d after :%d", purpose, host, other, port)
                            .isEqualTo(ProxyRouter.compile(config).decide(purpose, host, other));
                    assertThat(decided.route()).isEqualTo(RouteDecision.Route.PROXY);
                    forced++;
                }
            }
        }
        assertThat(forced).isGreaterThan(100);
    }

    /** A port other than {@code port} whose key takes the same slot, so that a decision kept for one is found for the other. */
    private static int portInTheSameSlot(Purpose purpose, String host, int port) {
        int slot = RecentDecisions.slot(purpose, host, port);
        for (int other = 1; other <= 65_535; other++) {
            if (other != port && RecentDecisions.slot(purpose, host, other) == slot) return other;
        }
        throw new AssertionError("no port shares a slot with " + purpose + " " + host + ":" + port);
    }

    @Test
    void aRefusedTargetIsRefusedEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> router.decide(Purpose.INFERENCE, "bad host", 443)).isInstanceOf(InvalidTargetException.class);
            assertThatThrownBy(() -> router.decide(Purpose.INFERENCE, "api.example.com", 0)).isInstanceOf(InvalidTargetException.class);
            assertThatThrownBy(() -> router.decide(Purpose.INFERENCE, null, 443)).isInstanceOf(InvalidTargetException.class);
        }
    }

    @Test
    void theSameHostIsDecidedApartPerPortAndPurpose() {
        assertThat(router.decide(Purpose.INFERENCE, "10.0.0.1", 443).route()).isEqualTo(RouteDecision.Route.DIRECT);
        assertThat(router.decide(Purpose.INFERENCE, "10.0.0.1", 80).route()).isEqualTo(RouteDecision.Route.PROXY);
        assertThat(router.decide(Purpose.SCIM, "10.0.0.1", 80).decidedBy()).isEqualTo(RouteDecision.DecidedBy.PURPOSE_DISABLED);
        assertThat(router.decide(Purpose.INFERENCE, "10.0.0.1", 443).route()).isEqualTo(RouteDecision.Route.DIRECT);

        // A port whose key takes the same slot as :443, decided both ways round: each gets its own decision.
        int other = portInTheSameSlot(Purpose.INFERENCE, "10.0.0.1", 443);
        assertThat(RecentDecisions.slot(Purpose.INFERENCE, "10.0.0.1", other))
                .isEqualTo(RecentDecisions.slot(Purpose.INFERENCE, "10.0.0.1", 443));
        assertThat(router.decide(Purpose.INFERENCE, "10.0.0.1", other).route()).isEqualTo(RouteDecision.Route.PROXY);
        assertThat(router.decide(Purpose.INFERENCE, "10.0.0.1", 443).route()).isEqualTo(RouteDecision.Route.DIRECT);
        assertThat(router.decide(Purpose.INFERENCE, "10.0.0.1", other).route()).isEqualTo(RouteDecision.Route.PROXY);

        // The purpose check cannot be reached by a collision: two purposes of one host and port are
        // (ordinal difference) × 0x9E3779B9 apart before the shift, never in one slot. Pinned here, so
        // that a slot function that lets them meet is caught.
        for (int port : new int[] {1, 80, 443, 8080, 65_535}) {
            for (Purpose a : Purpose.values()) {
                for (Purpose b : Purpose.values()) {
                    if (a != b) {
                        assertThat(RecentDecisions.slot(a, "10.0.0.1", port)).as("%s %s :%d", a, b, port)
                                .isNotEqualTo(RecentDecisions.slot(b, "10.0.0.1", port));
                    }
                }
            }
        }
    }
}
