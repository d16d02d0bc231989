package org.proxyconfig.adapters.http.egress;

import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import org.proxyconfig.adapters.egress.EgressException;
import org.proxyconfig.adapters.egress.OutboundClients;
import org.proxyconfig.adapters.egress.OutboundRequest;
import org.proxyconfig.adapters.http.metrics.ProbeMetrics;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.port.out.TargetProber;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * Probes a target for a dry run with one real GET through the outbound clients, routed exactly as
 * outbound traffic would be (the same TLS scoping, no fallback to direct), under the draft or the
 * stored configuration, on a connection of its own so that the proxy handshake really happens.
 * Only the status line and headers are awaited; the body is not read (so
 * {@link EgressFailure#RESPONSE_TOO_LARGE}, the one kind the dry run does not answer, cannot occur).
 */
public final class ProbingTargetProber implements TargetProber {

    private final OutboundClients clients;
    private final ProbeMetrics metrics;

    /** @param metrics counts each probe by result, apart from the outbound traffic's counters */
    public ProbingTargetProber(OutboundClients clients, ProbeMetrics metrics) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ProbeResult probe(ProxyRouter router, Purpose purpose, URI target) {
        long start = System.nanoTime();
        try {
            OutboundClients.ProbeAnswer answer = clients.probe(router, purpose,
                    OutboundRequest.get(target).withHeader("User-Agent", "proxy-config-probe"));
            metrics.reached();
            return new ProbeResult.Reached(answer.status(), millisSince(start),
                    answer.proxyUsed().map(ProxyEndpoint::toUrl).orElse(""),
                    answer.passedOver().stream().map(p -> new ProbeResult.PassedOver(p.proxy().toUrl(), p.kind(), p.message()))
                            .toList());
        } catch (EgressException e) {
            metrics.failed(e.kind());
            return new ProbeResult.Failed(e.kind(), e.getMessage(), millisSince(start));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            metrics.failed(EgressFailure.TIMEOUT);
            return new ProbeResult.Failed(EgressFailure.TIMEOUT, "the probe was interrupted", millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
