package org.proxyconfig.adapters.persistence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JDBC URLs as they may be shown: without parameters or user info, and driver messages without
 * either, nor the password. Drivers quote the URL (with its parameters) in messages, some even the
 * password.
 */
final class JdbcLocations {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:[^\\s\"']+");

    private JdbcLocations() {
    }

    /** {@code jdbc:h2:file:/x/proxy-config;A=B} → {@code jdbc:h2:file:/x/proxy-config}; drops query and user info. */
    static String location(String jdbcUrl) {
        String s = jdbcUrl;
        int cut = indexOfAny(s, ';', '?');
        if (cut >= 0) s = s.substring(0, cut);
        int authority = s.indexOf("//");
        int at = authority < 0 ? -1 : s.indexOf('@', authority);
        int pathStart = authority < 0 ? -1 : s.indexOf('/', authority + 2);
        if (at >= 0 && (pathStart < 0 || at < pathStart)) {
            s = s.substring(0, authority + 2) + s.substring(at + 1);
        }
        return s;
    }

    /** {@code message} with any JDBC URL in it (even one a pool rewrote) shown as its location, and no password. */
    static String scrub(String message, String jdbcUrl, String password) {
        if (message == null) return "(no detail)";
        String scrubbed = JDBC_URL.matcher(message.replace(jdbcUrl, location(jdbcUrl)))
                .replaceAll(m -> Matcher.quoteReplacement(location(m.group())));
        return password.isEmpty() ? scrubbed : scrubbed.replace(password, "<redacted>");
    }

    /** The message of a failure with that of its root cause, where pools wrap the driver's. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a), j = s.indexOf(b);
        if (i < 0) return j;
        if (j < 0) return i;
        return Math.min(i, j);
    }
}
