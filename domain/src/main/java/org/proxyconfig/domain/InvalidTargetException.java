package org.proxyconfig.domain;

/**
 * A target host that cannot be parsed: it is never silently proxied or sent direct (docs/decisions/0003-url-and-no-proxy-semantics.md).
 */
public final class InvalidTargetException extends ProxyConfigError {

    public InvalidTargetException(String reason) {
        super("target: " + reason);
    }

    @Override public String code() { return "invalid_target"; }
}
