package org.proxyconfig.adapters.http.security;

import java.util.Locale;

/** Told of refused authentications, for metrics; never of the credential itself. */
public interface AuthenticationEvents {

    AuthenticationEvents NONE = new AuthenticationEvents() {
    };

    /** How the refused request tried to authenticate. */
    enum Scheme {
        BEARER, BASIC, API_KEY, CLIENT_CERTIFICATE,
        /** No credential at all. */
        NONE,
        /** An Authorization header of a scheme this API does not take. */
        OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A request was refused with 401. */
    default void failed(Scheme scheme) {
    }

    /** A request was refused with 429: its address is braked after failed attempts. */
    default void braked() {
    }
}
