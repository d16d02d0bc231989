package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic no_proxy list of any size for the routing benchmark, and targets that hit or miss
 * it: exact hosts, {@code .suffix}, {@code *.suffix}, IPv4 literals, /24 ranges, and entries with
 * a port, in a fixed mix and a fixed order (seeded), so every run measures the same thing.
 */
final class RuleMix {

    /** A target to decide on. */
    record Target(String host, int port) {
    }

    final List<String> entries = new ArrayList<>();
    final List<Target> hits = new ArrayList<>();
    final List<Target> misses = new ArrayList<>();

    RuleMix(int size, int targets) {
        for (int i = 0; i < size; i++) {
            switch (i % 20) {
                case 0, 1, 2, 3, 4, 5, 6, 7 -> entries.add("host" + i + ".svc" + (i % 97) + ".example");
                case 8, 9, 10, 11 -> entries.add(".suffix" + i + ".corp");
                case 12, 13, 14 -> entries.add("*.wild" + i + ".internal");
                case 15, 16 -> entries.add("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
                case 17, 18 -> entries.add("100." + (64 + (i >> 8 & 63)) + "." + (i & 255) + ".0/24");
                default -> entries.add(".port" + i + ".example:8443");
            }
        }
        Random random = new Random(42);
        for (int t = 0; t < targets; t++) {
            int i = random.nextInt(size);
            hits.add(switch (i % 20) {
                case 0, 1, 2, 3, 4, 5, 6, 7 -> new Target("host" + i + ".svc" + (i % 97) + ".example", 443);
                case 8, 9, 10, 11 -> new Target("api.suffix" + i + ".corp", 443);
                case 12, 13, 14 -> new Target("a.b.wild" + i + ".internal", 443);
                case 15, 16 -> new Target("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 443);
                case 17, 18 -> new Target("100." + (64 + (i >> 8 & 63)) + "." + (i & 255) + "." + (1 + random.nextInt(254)), 443);
                default -> new Target("svc.port" + i + ".example", 8443);
            });
            misses.add(t % 2 == 0
                    ? new Target("api" + t + ".provider" + (t % 13) + ".example.net", 443)
                    : new Target("203.0." + (t >> 8 & 255) + "." + (t & 255), 443));
        }
    }

    /** The no_proxy value, comma-separated. */
    String noProxy() {
        return String.join(",", entries);
    }
}
