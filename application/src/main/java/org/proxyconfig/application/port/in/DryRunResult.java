package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.RouteDecision;

/**
 * The answer of a dry run.
 *
 * @param decision where the request would go and which rule decided
 * @param probe    what really happened, when a probe was asked for
 */
public record DryRunResult(RouteDecision decision, Optional<ProbeResult> probe) {

    public DryRunResult {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(probe, "probe");
    }

    /** The proxy the request would use, as a URL without credentials; "" when it goes direct. */
    public String proxyUrl() {
        return decision.proxy().map(ProxyEndpoint::toUrl).orElse("");
    }
}
