package org.proxyconfig.application.port.in;

import java.util.Objects;
import org.proxyconfig.domain.ProxyConfigDraft;

/**
 * An update as a client asked for it.
 *
 * @param draft the whole new configuration, omitted fields already at their defaults
 * @param actor who asks, for the history
 */
public record UpdateProxyConfigCommand(ProxyConfigDraft draft, String actor) {

    public UpdateProxyConfigCommand {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(actor, "actor");
    }
}
