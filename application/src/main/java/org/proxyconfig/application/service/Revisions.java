package org.proxyconfig.application.service;

import java.util.OptionalLong;
import org.proxyconfig.application.StaleRevisionException;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/** Checks shared by the writing use cases, run inside their transaction. */
final class Revisions {

    private Revisions() {
    }

    /** The revision in force, 0 when nothing was stored. */
    static long currentNumber(RevisionLog log) {
        return log.latest().map(Revision::number).orElse(0L);
    }

    /** The configuration in force, the defaults when nothing was stored. */
    static ProxyConfig currentConfig(RevisionLog log) {
        return log.latest().map(Revision::config).orElse(ProxyConfig.DEFAULTS);
    }

    /** Refuses a conditional write whose expected revision is no longer current. */
    static void requireCurrent(RevisionLog log, OptionalLong expected) {
        if (expected.isPresent()) {
            long current = currentNumber(log);
            if (expected.getAsLong() != current) throw new StaleRevisionException(expected.getAsLong(), current);
        }
    }
}
