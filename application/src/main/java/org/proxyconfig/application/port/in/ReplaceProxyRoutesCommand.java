package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.OptionalLong;
import org.proxyconfig.domain.ProxyRoutesDraft;

/**
 * A replacement of the per-target routes as a client asked for it.
 *
 * @param draft            the whole new list of routes, as sent
 * @param actor            who asks, for the history
 * @param expectedRevision the revision the client last read ({@code If-Match}); when present and
 *                         no longer current, the write is refused as stale. Empty: last writer wins.
 */
public record ReplaceProxyRoutesCommand(ProxyRoutesDraft draft, String actor, OptionalLong expectedRevision) {

    public ReplaceProxyRoutesCommand {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(expectedRevision, "expectedRevision");
    }
}
