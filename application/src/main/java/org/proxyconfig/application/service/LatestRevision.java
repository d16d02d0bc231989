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
record LatestRevision(long number, ProxyConfig config, ProxyRoutes routes) {

    /** Reads the latest revision once. */
    static LatestRevision read(RevisionLog log) {
        return log.latest().map(r -> new LatestRevision(r.number(), r.config(), r.routes()))
                .orElse(new LatestRevision(0, ProxyConfig.DEFAULTS, ProxyRoutes.NONE));
    }

    /** Refuses a conditional write whose expected revision is no longer current. */
    LatestRevision requireCurrent(OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != number) {
            throw new StaleRevisionException(expected.getAsLong(), number);
        }
        return this;
    }

    /** What the next revision holds: this one's routes with the main configuration replaced (the number stays this one's). */
    LatestRevision with(ProxyConfig newConfig) {
        return new LatestRevision(number, newConfig, routes);
    }

    /** What the next revision holds: this one's main configuration with the routes replaced. */
    LatestRevision with(ProxyRoutes newRoutes) {
        return new LatestRevision(number, config, newRoutes);
    }

    /** What the next revision holds on a restore: both halves of {@code earlier}. */
    LatestRevision as(Revision earlier) {
        return new LatestRevision(number, earlier.config(), earlier.routes());
    }

    /** Whether both hold the same main configuration and routes, whatever their numbers. */
    boolean sameContentAs(LatestRevision other) {
        return config.equals(other.config) && routes.equals(other.routes);
    }
}
