package org.proxyconfig.application.service;

import java.time.Clock;
import org.proxyconfig.application.RevisionNotFoundException;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.Revision;

/**
 * Appends a copy of an earlier revision, its main configuration and its routes with every password,
 * as the newest revision, in one
 * write transaction. History is never rewritten: a restore is itself a change with an actor.
 */
public final class RestoreRevisionService implements RestoreRevisionUseCase {

    private final CommittedWrites writes;

    public RestoreRevisionService(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.writes = new CommittedWrites(store, clock, listener);
    }

    @Override
    public Revision restore(RestoreRevisionCommand command) {
        return writes.write("restore of revision " + command.revision() + " as", log -> {
            LatestRevision previous = LatestRevision.read(log).requireCurrent(command.expectedRevision());
            Revision earlier = log.find(command.revision())
                    .orElseThrow(() -> new RevisionNotFoundException(command.revision()));
            return writes.append(log, previous, previous.as(earlier), command.actor());
        });
    }
}
