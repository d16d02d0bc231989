package org.proxyconfig.application.port.in;

import java.util.List;
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

    /** The proxy the request would use first, as a URL without credentials; "" when it goes direct. */
    public String proxyUrl() {
        return decision.proxy().map(ProxyEndpoint::toUrl).orElse("");
    }

    /** Every proxy the request could use, in the order they are tried (url, then fallbacks); empty when direct. */
    public List<String> proxyUrls() {
        return decision.proxies().map(list -> list.inOrder().stream().map(ProxyEndpoint::toUrl).toList()).orElse(List.of());
    }
}
