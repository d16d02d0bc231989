package org.proxyconfig.application.service;

import java.util.OptionalLong;
import org.proxyconfig.application.StaleRevisionException;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * The state a write starts from, read once in its transaction: the revision in force, its main
 * configuration and its routes (the defaults and none when nothing was stored). A write that
 * changes one resource keeps the other from here, so a PUT of the main object never changes the
 * routes and a PUT of the routes never changes the main object.
 *
 * @param number 0 when nothing was stored
 */
record Revisions(long number, ProxyConfig config, ProxyRoutes routes) {

    /** Reads the latest revision once. */
    static Revisions latest(RevisionLog log) {
        return log.latest().map(r -> new Revisions(r.number(), r.config(), r.routes()))
                .orElse(new Revisions(0, ProxyConfig.DEFAULTS, ProxyRoutes.NONE));
    }

    /** Refuses a conditional write whose expected revision is no longer current. */
    Revisions requireCurrent(OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != number) {
            throw new StaleRevisionException(expected.getAsLong(), number);
        }
        return this;
    }

    /** The same state with the main configuration replaced. */
    Revisions with(ProxyConfig newConfig) {
        return new Revisions(number, newConfig, routes);
    }

    /** The same state with the routes replaced. */
    Revisions with(ProxyRoutes newRoutes) {
        return new Revisions(number, config, newRoutes);
    }

    /** The state of {@code earlier}: what a restore brings back. */
    Revisions as(Revision earlier) {
        return new Revisions(number, earlier.config(), earlier.routes());
    }

    boolean sameContentAs(Revisions other) {
        return config.equals(other.config) && routes.equals(other.routes);
    }
}
