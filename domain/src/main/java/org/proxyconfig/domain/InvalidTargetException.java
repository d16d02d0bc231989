package org.proxyconfig.domain;

/**
 * A target host that cannot be parsed: it is never silently proxied or sent direct (SPEC §3).
 */
public final class InvalidTargetException extends ProxyConfigError {

    public InvalidTargetException(String reason) {
        super("target: " + reason);
    }

    @Override public String code() { return "invalid_target"; }
}
