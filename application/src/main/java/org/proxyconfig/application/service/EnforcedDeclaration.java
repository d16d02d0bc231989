package org.proxyconfig.application.service;

import org.proxyconfig.application.DeclarativeConfigEnforcedException;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesCommand;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesUseCase;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * Stands in for the writing use cases when the configuration is enforced from a declaration:
 * every update, routes update and restore is refused, before the store is touched: the declaration
 * is the whole truth, and routes written through the API would not survive the next start either.
 * Reads and the dry run stay.
 */
public final class EnforcedDeclaration implements UpdateProxyConfigUseCase, RestoreRevisionUseCase,
        ReplaceProxyRoutesUseCase {

    private final String source;

    public EnforcedDeclaration(String source) {
        this.source = source;
    }

    /** Refused like the update it previews: a validate-only PUT answers what the PUT would. */
    @Override
    public ProxyConfig validate(UpdateProxyConfigCommand command) {
        throw new DeclarativeConfigEnforcedException(source);
    }

    @Override
    public Revision update(UpdateProxyConfigCommand command) {
        throw new DeclarativeConfigEnforcedException(source);
    }

    @Override
    public Revision restore(RestoreRevisionCommand command) {
        throw new DeclarativeConfigEnforcedException(source);
    }

    /** Refused like the write it previews. */
    @Override
    public ProxyRoutes validate(ReplaceProxyRoutesCommand command) {
        throw new DeclarativeConfigEnforcedException(source);
    }

    @Override
    public Revision replace(ReplaceProxyRoutesCommand command) {
        throw new DeclarativeConfigEnforcedException(source);
    }
}
