package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.OptionalLong;
import org.proxyconfig.domain.ProxyConfigDraft;

/**
 * An update as a client asked for it.
 *
 * @param draft            the whole new configuration, omitted fields already at their defaults
 * @param actor            who asks, for the history
 * @param expectedRevision the revision the client last read ({@code If-Match}); when present and
 *                         no longer current, the update is refused as stale. Empty: last writer wins.
 */
public record UpdateProxyConfigCommand(ProxyConfigDraft draft, String actor, OptionalLong expectedRevision) {

    public UpdateProxyConfigCommand {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(expectedRevision, "expectedRevision");
    }

    /** An unconditional update, as the seed's clients send it. */
    public UpdateProxyConfigCommand(ProxyConfigDraft draft, String actor) {
        this(draft, actor, OptionalLong.empty());
    }
}
