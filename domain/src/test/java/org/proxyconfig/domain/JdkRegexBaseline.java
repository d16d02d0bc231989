package org.proxyconfig.domain;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Baseline (b) of the routing benchmark: what the JDK does for {@code http.nonProxyHosts} — every
 * entry turned into a wildcard pattern ({@code *} = any characters) and all of them joined into
 * one regular expression, matched against the lower-cased host. That syntax has no ports and no
 * CIDR: a /24 becomes {@code a.b.c.*} and a port is dropped, as an operator would have to write it.
 */
final class JdkRegexBaseline {

    private final Pattern pattern;

    JdkRegexBaseline(List<String> entries) {
        StringJoiner alternatives = new StringJoiner("|");
        for (String entry : entries) alternatives.add(wildcardToRegex(nonProxyHostsForm(entry)));
        pattern = Pattern.compile(alternatives.toString());
    }

    boolean matches(String host) {
        return pattern.matcher(host.toLowerCase(Locale.ROOT)).matches();
    }

    /** The entry as an operator would write it in {@code http.nonProxyHosts}. */
    private static String nonProxyHostsForm(String entry) {
        String e = entry.contains(":") && !entry.contains("::") ? entry.substring(0, entry.lastIndexOf(':')) : entry;
        if (e.endsWith(".0/24")) return e.substring(0, e.length() - "0/24".length()) + "*";
        if (e.startsWith(".")) return "*" + e;
        return e;
    }

    private static String wildcardToRegex(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (String part : wildcard.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return regex.toString().replace("\\Q\\E", "");
    }
}
