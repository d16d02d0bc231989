package org.proxyconfig.application.service;

import org.proxyconfig.domain.Revision;

/** What a committed write replaced and what it became: enough for the audit line. */
record Change(LatestRevision previous, Revision revision) {
}
