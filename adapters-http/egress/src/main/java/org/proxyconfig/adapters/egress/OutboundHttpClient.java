package org.proxyconfig.adapters.egress;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * The outbound HTTP client of one {@link Purpose}. Every request is routed by the configuration in
 * force when it starts — one read of the live router, one decision — and sent on a pooled
 * connection of that route: kept alive, HTTP/2 when the target offers it by ALPN, through the
 * proxy's tunnel or SOCKS connection when the decision says so. When a proxy cannot be used (see
 * {@link EgressException#proxyUnusable()}) the next proxy of the list is tried and the failed one
 * set aside for the list's cool-down ({@link SetAsideProxies}). There is no fallback to direct: a
 * request that no proxy of the list can carry fails with an {@link EgressException} that says why.
 */
public final class OutboundHttpClient {

    /** A decision meets a newer configuration only when a PUT lands at that instant; a few rounds settle it. */
    private static final int ROUTING_ROUNDS = 16;

    private final Supplier<ProxyRouter> routing;
    private final RoutePools pools;
    private final Purpose purpose;
    private final EgressOptions options;
    private final SetAsideProxies setAside;

    OutboundHttpClient(Supplier<ProxyRouter> routing, RoutePools pools, Purpose purpose, EgressOptions options,
                       SetAsideProxies setAside) {
        this.routing = routing;
        this.pools = pools;
        this.purpose = purpose;
        this.options = options;
        this.setAside = setAside;
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
        rounds:
        for (int round = 0; round < ROUTING_ROUNDS; round++) {
            ProxyRouter router = routing.get();
            RouteDecision decision = router.decide(purpose, host, port);
            ProxyList proxies = decision.proxies().orElse(null);
            int[] order = proxies == null ? DIRECT : setAside.order(proxies);
            List<EgressException> unusable = null; // made at the first failover: a request that needs none allocates nothing
            for (int index : order) {
                RoutePool pool = pools.acquire(router, decision, index);
                if (pool == null) continue rounds;
                if (!counted) {
                    options.observer().routed(purpose, decision);
                    counted = true;
                }
                try {
                    T answer = carry.on(pool, decision, resending);
                    if (proxies != null) setAside.usable(proxies.get(index));
                    return answer;
                } catch (EgressException e) {
                    if (e.proxyUnusable()) {
                        // The request never reached the target: the next proxy of the list may carry it, whatever its method.
                        ProxyEndpoint failed = proxies.get(index);
                        if (setAside.setAside(proxies, failed)) options.observer().setAside(failed, e.kind());
                        if (unusable == null) unusable = new ArrayList<>(order.length);
                        unusable.add(e);
                        continue;
                    }
                    // Once, on a new connection (another pooled one may be just as stale), and only what
                    // RFC 9110 lets a client repeat on its own: an idempotent request whose body can be
                    // sent again. The new round decides the route again too.
                    if (e instanceof Exchange.ClosedBeforeAnswer && mayResend && !resending) {
                        resending = true;
                        continue rounds;
                    }
                    options.observer().failed(purpose, decision, e.kind(), host);
                    throw e;
                }
            }
            EgressException failure = noProxyCouldCarry(request, proxies, unusable);
            options.observer().failed(purpose, decision, failure.kind(), host);
            throw failure;
        }
        throw new IllegalStateException("the configuration in force changed " + ROUTING_ROUNDS + " times during one request");
    }

    /** The order of a direct request: its one pool. */
    private static final int[] DIRECT = {0};

    /** Every proxy tried failed before reaching the target: one error that names each, never a fallback to direct. */
    static EgressException noProxyCouldCarry(OutboundRequest request, ProxyList proxies, List<EgressException> failures) {
        EgressException last = failures.getLast();
        if (failures.size() == 1) return last; // a list of one: its own error says it all
        StringBuilder message = new StringBuilder("request to ").append(target(request)).append(": none of the ")
                .append(failures.size()).append(" proxies tried could be used (").append(proxies.describe())
                .append("), and a proxied request never goes direct: ");
        for (int i = 0; i < failures.size(); i++) {
            if (i > 0) message.append("; ");
            message.append(failures.get(i).getMessage());
        }
        return new EgressException(last.kind(), true, true, message.toString(), null);
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
