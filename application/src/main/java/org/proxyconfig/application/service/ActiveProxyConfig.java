package org.proxyconfig.application.service;

import java.util.function.Supplier;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Revision;

/**
 * The routing decision in force, for outbound clients: compiled once per revision and swapped
 * atomically when a newer revision is committed, so the very next request follows it and no
 * request ever sees half of a change. Reading it costs one volatile read.
 */
public final class ActiveProxyConfig implements RevisionListener, Supplier<ProxyRouter> {

    private record Active(long revision, ProxyRouter router) {
    }

    private volatile Active active;

    public ActiveProxyConfig(GetProxyConfigUseCase initial) {
        var current = initial.current();
        this.active = new Active(current.revision(), ProxyRouter.compile(current.config()));
    }

    @Override
    public ProxyRouter get() {
        return active.router();
    }

    public long revision() {
        return active.revision();
    }

    @Override
    public synchronized void revisionCommitted(Revision revision) {
        // Commits can be reported out of order by concurrent writers: never go back.
        if (revision.number() > active.revision()) {
            active = new Active(revision.number(), ProxyRouter.compile(revision.config()));
        }
    }
}
