package org.proxyconfig.application;

/**
 * An API write while the configuration is enforced from a declaration: the declaration is the
 * source of truth, so the change must be made there (and the instances restarted).
 */
public final class DeclarativeConfigEnforcedException extends RuntimeException {

    public DeclarativeConfigEnforcedException(String source) {
        super("the proxy configuration is enforced from " + source + ", which is the source of truth:"
                + " change it there and restart; changes through the API are refused", null, false, false);
    }
}
