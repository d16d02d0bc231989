package org.proxyconfig.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted configuration in the numbered history; the newest revision is the one in force.
 *
 * @param number 1, 2, 3… in the order the changes were accepted
 * @param at     when it was accepted
 * @param actor  who made the change (a principal name, never a credential)
 * @param config the configuration as accepted
 */
public record Revision(long number, Instant at, String actor, ProxyConfig config) {

    public Revision {
        if (number < 1) throw new IllegalArgumentException("revision numbers start at 1");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(config, "config");
    }
}
