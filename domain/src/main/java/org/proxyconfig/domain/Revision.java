package org.proxyconfig.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted configuration in the numbered history; the newest revision is the one in force.
 * A revision holds both resources a client can change: the main object and the per-target routes,
 * so one history, one restore and one ETag cover both (docs/decisions/0015-per-target-routes.md).
 *
 * @param number 1, 2, 3… in the order the changes were accepted
 * @param at     when it was accepted
 * @param actor  who made the change (a principal name, never a credential)
 * @param config the configuration as accepted
 * @param routes the per-target routes in force with it, {@link ProxyRoutes#NONE} for none
 */
public record Revision(long number, Instant at, String actor, ProxyConfig config, ProxyRoutes routes) {

    public Revision {
        if (number < 1) throw new IllegalArgumentException("revision numbers start at 1");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(routes, "routes");
    }

    /** A revision without routes. */
    public Revision(long number, Instant at, String actor, ProxyConfig config) {
        this(number, at, actor, config, ProxyRoutes.NONE);
    }
}
