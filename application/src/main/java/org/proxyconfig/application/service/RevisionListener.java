package org.proxyconfig.application.service;

import org.proxyconfig.domain.Revision;

/** Told of each revision after it is committed, e.g. to put it in force for outbound traffic. */
@FunctionalInterface
public interface RevisionListener {

    RevisionListener NONE = revision -> { };

    void revisionCommitted(Revision revision);
}
