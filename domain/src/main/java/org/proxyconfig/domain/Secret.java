package org.proxyconfig.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (the proxy password). Its {@code toString} is redacted so that it cannot leak
 * through a log line or an exception message by accident; only {@link #reveal()} gives the value.
 */
public final class Secret {

    /** What a reader sees instead of a set secret. */
    public static final String REDACTED = "<redacted>";

    public static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) { this.value = value; }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? NONE : new Secret(value);
    }

    public boolean isSet() { return !value.isEmpty(); }

    /** The plain value, for the few places that must use it (encryption, proxy authentication). */
    public String reveal() { return value; }

    /** {@code "<redacted>"} when set, {@code ""} when not: what every reader is shown. */
    public String redacted() { return isSet() ? REDACTED : ""; }

    @Override public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override public int hashCode() { return value.isEmpty() ? 0 : 1; }

    @Override public String toString() { return redacted(); }
}
