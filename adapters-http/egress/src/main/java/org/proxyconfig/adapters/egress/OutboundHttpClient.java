package org.proxyconfig.adapters.egress;

import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * The outbound HTTP client of one {@link Purpose}. Every request is routed by the configuration in
 * force when it starts — one read of the live router, one decision — and sent on a pooled
 * connection of that route: kept alive, HTTP/2 when the target offers it by ALPN, through the
 * proxy's tunnel or SOCKS connection when the decision says so. There is no fallback to direct: a
 * request that the proxy cannot carry fails with an {@link EgressException} that says why.
 */
public final class OutboundHttpClient {

    /** A decision meets a newer configuration only when a PUT lands at that instant; a few rounds settle it. */
    private static final int ROUTING_ROUNDS = 16;

    private final Supplier<ProxyRouter> routing;
    private final RoutePools pools;
    private final Purpose purpose;
    private final EgressOptions options;

    OutboundHttpClient(Supplier<ProxyRouter> routing, RoutePools pools, Purpose purpose, EgressOptions options) {
        this.routing = routing;
        this.pools = pools;
        this.purpose = purpose;
        this.options = options;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** A GET of {@code uri}, its body read whole. */
    public OutboundResponse get(java.net.URI uri) throws EgressException, InterruptedIOException {
        return send(OutboundRequest.get(uri));
    }

    /**
     * Sends {@code request} and reads the whole response body, up to the cap of
     * {@link EgressOptions#maxBufferedBytes()} ({@link EgressFailure#RESPONSE_TOO_LARGE} beyond).
     */
    public OutboundResponse send(OutboundRequest request) throws EgressException, InterruptedIOException {
        return route(request, (pool, decision, fresh) -> Exchange.read(pool, decision, request, options, fresh));
    }

    /**
     * Sends {@code request} and returns once the response's status and headers have arrived; the
     * body streams from {@link StreamingResponse#body()} (or {@link StreamingResponse#events()}).
     * Request bodies stream too ({@link RequestBody#streamed}).
     */
    public StreamingResponse open(OutboundRequest request) throws EgressException, InterruptedIOException {
        return route(request, (pool, decision, fresh) -> Exchange.open(pool, decision, request, options, fresh));
    }

    /** One way of carrying a request on a pool's connection: read whole, or streamed. */
    private interface Carry<T> {
        T on(RoutePool pool, RouteDecision decision, boolean fresh) throws EgressException, InterruptedIOException;
    }

    private <T> T route(OutboundRequest request, Carry<T> carry) throws EgressException, InterruptedIOException {
        Objects.requireNonNull(request, "request");
        String host = request.uri().getHost();
        int port = request.port();
        boolean mayResend = isIdempotent(request.method()) && request.body() instanceof RequestBody.Bytes;
        boolean resending = false;
        boolean counted = false;
        for (int round = 0; round < ROUTING_ROUNDS; round++) {
            ProxyRouter router = routing.get();
            RouteDecision decision = router.decide(purpose, host, port);
            RoutePool pool = pools.acquire(router, decision);
            if (pool == null) continue;
            if (!counted) {
                options.observer().routed(purpose, decision);
                counted = true;
            }
            try {
                return carry.on(pool, decision, resending);
            } catch (Exchange.ClosedBeforeAnswer e) {
                // Once, on a new connection (another pooled one may be just as stale), and only what
                // RFC 9110 lets a client repeat on its own: an idempotent request whose body can be
                // sent again. The new round decides the route again too.
                if (!mayResend || resending) {
                    options.observer().failed(purpose, decision, e.kind(), host);
                    throw e;
                }
                resending = true;
            } catch (EgressException e) {
                options.observer().failed(purpose, decision, e.kind(), host);
                throw e;
            }
        }
        throw new IllegalStateException("the configuration in force changed " + ROUTING_ROUNDS + " times during one request");
    }

    private static boolean isIdempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    static String target(OutboundRequest request) {
        return Hosts.authority(request.uri().getHost(), request.port());
    }
}
