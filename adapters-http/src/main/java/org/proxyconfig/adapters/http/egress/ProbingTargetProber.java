package org.proxyconfig.adapters.http.egress;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.proxyconfig.application.port.out.ProbeOutcome;
import org.proxyconfig.application.port.out.TargetProber;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * Probes a target for a dry run with one real GET, routed exactly as outbound traffic would be
 * (the same connector, so the same TLS scoping and no fallback to direct), under the draft or the
 * stored configuration. Only the status line and headers are awaited; the body is not read.
 */
public final class ProbingTargetProber implements TargetProber {

    private final ProxyConnector connector;

    public ProbingTargetProber(ProxyConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public ProbeOutcome probe(ProxyRouter router, Purpose purpose, URI target) {
        // Bound the wait for the answer by the configured timeout too: a probe must come back.
        Duration wait = Duration.ofSeconds(router.config().effectiveTimeoutSeconds());
        OutboundHttpClient client = new OutboundHttpClient(connector, () -> router, purpose, wait, 0);
        long start = System.nanoTime();
        try {
            OutboundResponse response = client.sendForHead(
                    OutboundRequest.get(target).withHeader("User-Agent", "proxy-config-probe"), router);
            return new ProbeOutcome.Reached(response.status(), millisSince(start));
        } catch (EgressException e) {
            return new ProbeOutcome.Failed(kind(e.kind()), e.getMessage(), millisSince(start));
        } catch (IOException e) {
            return new ProbeOutcome.Failed(ProbeOutcome.Kind.UPSTREAM_ERROR, ProxyConnector.shortText(e), millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }

    private static ProbeOutcome.Kind kind(EgressException.Kind kind) {
        return switch (kind) {
            case PROXY_AUTH_REQUIRED -> ProbeOutcome.Kind.PROXY_AUTH_REQUIRED;
            case PROXY_REFUSED -> ProbeOutcome.Kind.PROXY_REFUSED;
            case SOCKS_AUTH_REJECTED -> ProbeOutcome.Kind.SOCKS_AUTH_REJECTED;
            case TLS_FAILURE -> ProbeOutcome.Kind.TLS_FAILURE;
            case TIMEOUT -> ProbeOutcome.Kind.TIMEOUT;
            case CONNECT_FAILED -> ProbeOutcome.Kind.CONNECT_FAILED;
            case UNKNOWN_HOST -> ProbeOutcome.Kind.UNKNOWN_HOST;
            case UPSTREAM_ERROR, RESPONSE_TOO_LARGE -> ProbeOutcome.Kind.UPSTREAM_ERROR;
        };
    }
}
