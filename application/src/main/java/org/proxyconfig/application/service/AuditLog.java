package org.proxyconfig.application.service;

import java.lang.System.Logger.Level;
import org.proxyconfig.application.port.in.ReadEffectiveConfigUseCase.Reader;
import org.proxyconfig.domain.ConfigChanges;
import org.proxyconfig.domain.Revision;

/**
 * One log line per accepted change: action, revision, actor and the names of the changed fields
 * ({@code routes} when the per-target routes changed);
 * and one per hand-over of the effective configuration: revision, reader and address.
 * Never values: a changed password shows as {@code password}, nothing more.
 */
final class AuditLog {

    private static final System.Logger LOG = System.getLogger("org.proxyconfig.audit");

    private AuditLog() {
    }

    static void accepted(String action, Revision revision, LatestRevision previous) {
        LOG.log(Level.INFO, "audit: " + action + " revision=" + revision.number() + " actor=" + revision.actor()
                + " changed=" + ConfigChanges.between(previous.config(), previous.routes(), revision.config(), revision.routes()));
    }

    static void handedOver(long revision, Reader reader) {
        LOG.log(Level.INFO, "audit: effective-read revision=" + revision + " actor=" + reader.name()
                + " from=" + reader.from());
    }
}
