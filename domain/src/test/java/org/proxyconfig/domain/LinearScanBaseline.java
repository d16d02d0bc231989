package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Baseline (a) of the routing benchmark: the naive way — the rules parsed once into a list, and
 * every decision walks the list, entry by entry, until one matches.
 */
final class LinearScanBaseline {

    private interface Rule {
        boolean matches(String host, int port);
    }

    private final List<Rule> rules = new ArrayList<>();

    LinearScanBaseline(List<String> entries) {
        for (String entry : entries) rules.add(parse(entry));
    }

    /** The first matching rule's index, or -1. */
    int match(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matches(h, port)) return i;
        }
        return -1;
    }

    private static Rule parse(String entry) {
        int colon = entry.lastIndexOf(':');
        int port = -1;
        String e = entry;
        if (colon > 0 && entry.indexOf(':') == colon) {
            port = Integer.parseInt(entry.substring(colon + 1));
            e = entry.substring(0, colon);
        }
        Rule host = hostRule(e);
        int wanted = port;
        return wanted < 0 ? host : (h, p) -> p == wanted && host.matches(h, p);
    }

    private static Rule hostRule(String e) {
        if (e.contains("/")) {
            int slash = e.indexOf('/');
            long network = ipv4(e.substring(0, slash));
            int bits = Integer.parseInt(e.substring(slash + 1));
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (h, p) -> {
                long ip = ipv4(h);
                return ip >= 0 && (ip & mask) == network;
            };
        }
        if (e.startsWith("*.")) {
            String suffix = e.substring(1);
            return (h, p) -> h.endsWith(suffix);
        }
        if (e.startsWith(".")) {
            String bare = e.substring(1);
            return (h, p) -> h.equals(bare) || h.endsWith(e);
        }
        return (h, p) -> h.equals(e);
    }

    /** A dotted-quad as an unsigned int, or -1 when it is not one (parsed on every call: naive). */
    private static long ipv4(String s) {
        String[] parts = s.split("\\.");
        if (parts.length != 4) return -1;
        long ip = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return -1;
            int octet = Integer.parseInt(part);
            if (octet > 255) return -1;
            ip = ip << 8 | octet;
        }
        return ip;
    }
}
