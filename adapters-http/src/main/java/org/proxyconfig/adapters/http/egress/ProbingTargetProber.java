package org.proxyconfig.adapters.http.egress;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.port.out.TargetProber;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * Probes a target for a dry run with one real GET, routed exactly as outbound traffic would be
 * (the same connector, so the same TLS scoping and no fallback to direct), under the draft or the
 * stored configuration. Only the status line and headers are awaited; the body is not read (so
 * {@link EgressFailure#RESPONSE_TOO_LARGE}, the one kind the dry run does not answer, cannot occur).
 */
public final class ProbingTargetProber implements TargetProber {

    private final ProxyConnector connector;

    public ProbingTargetProber(ProxyConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public ProbeResult probe(ProxyRouter router, Purpose purpose, URI target) {
        // Bound the wait for the answer by the configured timeout too: a probe must come back.
        Duration wait = Duration.ofSeconds(router.config().effectiveTimeoutSeconds());
        OutboundHttpClient client = new OutboundHttpClient(connector, () -> router, purpose, wait, 0);
        long start = System.nanoTime();
        try {
            OutboundResponse response = client.sendForHead(
                    OutboundRequest.get(target).withHeader("User-Agent", "proxy-config-probe"), router);
            return new ProbeResult.Reached(response.status(), millisSince(start));
        } catch (EgressException e) {
            return new ProbeResult.Failed(e.kind(), e.getMessage(), millisSince(start));
        } catch (IOException e) {
            return new ProbeResult.Failed(EgressFailure.UPSTREAM_ERROR, ProxyConnector.shortText(e), millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
