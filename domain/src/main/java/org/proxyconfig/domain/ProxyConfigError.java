package org.proxyconfig.domain;

/**
 * A business rejection: the input breaks a rule of the proxy configuration. Technical failures
 * (a store that is down) are not domain errors and never extend this.
 */
public abstract sealed class ProxyConfigError extends RuntimeException
        permits InvalidFieldException, InvalidTargetException {

    protected ProxyConfigError(String message) {
        super(message, null, false, false); // no stack trace: a rejection is an answer, not a fault
    }

    /** A stable, machine-readable code, e.g. {@code invalid_proxy_url}. */
    public abstract String code();
}
