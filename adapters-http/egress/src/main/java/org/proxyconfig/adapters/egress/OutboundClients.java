package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * The gateway's outbound clients, one per {@link Purpose}, created once and used until
 * {@link #close()}. Each asks {@code routing} (the application's {@code ActiveProxyConfig}, or any
 * supplier of the router in force) on every request, so the configuration in force at that moment
 * decides: a PUT needs no restart, no client is stale, and the pools of a changed route are drained
 * and closed (docs/decisions/0010-egress-on-jetty-httpclient.md).
 *
 * <pre>{@code
 * try (OutboundClients clients = new OutboundClients(activeConfig)) {
 *     OutboundResponse r = clients.inference().send(OutboundRequest.get(URI.create("https://api.example/v1/models")));
 * }
 * }</pre>
 */
public final class OutboundClients implements AutoCloseable {

    private final RouteClientFactory factory;
    private final RoutePools pools;
    private final EgressOptions options;
    /** Shared by the three clients: a proxy that failed for one purpose is set aside for all. */
    private final SetAsideProxies setAside = new SetAsideProxies();
    private final Map<Purpose, OutboundHttpClient> clients = new EnumMap<>(Purpose.class);

    /** Clients with the default options: direct TLS verified against the JDK's default trust store. */
    public OutboundClients(Supplier<ProxyRouter> routing) {
        this(routing, EgressOptions.defaults());
    }

    public OutboundClients(Supplier<ProxyRouter> routing, EgressOptions options) {
        Objects.requireNonNull(routing, "routing");
        this.options = Objects.requireNonNull(options, "options");
        this.factory = new RouteClientFactory(options);
        this.pools = new RoutePools(routing, factory);
        for (Purpose purpose : Purpose.values()) {
            clients.put(purpose, new OutboundHttpClient(routing, pools, purpose, options, setAside));
        }
    }

    /** The HTTP client for {@code purpose}; always the same instance. */
    public OutboundHttpClient forPurpose(Purpose purpose) {
        return clients.get(Objects.requireNonNull(purpose, "purpose"));
    }

    /** For identity-provider (SCIM/OAuth) calls: follows {@code enable_for_scim}. */
    public OutboundHttpClient scim() {
        return forPurpose(Purpose.SCIM);
    }

    /** For LLM provider calls: follows {@code enable_for_inference}. */
    public OutboundHttpClient inference() {
        return forPurpose(Purpose.INFERENCE);
    }

    /** For other outbound APIs (webhooks, guardrails, telemetry): follows {@code enable_for_api}. */
    public OutboundHttpClient api() {
        return forPurpose(Purpose.API);
    }

    /**
     * Sends one request under {@code router} (a configuration that need not be in force: a dry
     * run's draft) on a connection opened for it alone, so the proxy handshake really happens, and
     * closes it after the status line and headers: the body is not read. Through a list of
     * proxies, each is tried in order, as a request would be, until one is usable; the answer names
     * the one used and those passed over. The live clients' set-aside proxies are neither consulted
     * nor changed: a dry run tests every proxy of the draft.
     */
    public ProbeAnswer probe(ProxyRouter router, Purpose purpose, OutboundRequest request)
            throws EgressException, InterruptedIOException {
        RouteDecision decision = router.decide(purpose, request.uri().getHost(), request.port());
        ProxyList proxies = decision.proxies().orElse(null);
        List<EgressException> failures = new ArrayList<>();
        List<PassedOver> passedOver = new ArrayList<>();
        for (int index = 0; index < (proxies == null ? 1 : proxies.size()); index++) {
            try {
                return probeThrough(router.config(), decision, index, request, passedOver);
            } catch (EgressException e) {
                if (!e.proxyUnusable()) throw e;
                failures.add(e);
                passedOver.add(new PassedOver(proxies.get(index), e.kind(), e.getMessage()));
            }
        }
        throw OutboundHttpClient.noProxyCouldCarry(request, proxies, failures);
    }

    private ProbeAnswer probeThrough(ProxyConfig config, RouteDecision decision, int index, OutboundRequest request,
                                     List<PassedOver> passedOver) throws EgressException, InterruptedIOException {
        RouteProfile profile = RouteProfile.of(config, decision, index);
        RoutePool pool = factory.start(profile);
        pool.tryAcquire(); // the probe's own reference, as every request takes one; retire() below ends the pool
        // The read timeout of a probe is the configured timeout too: a dry run must come back.
        EgressOptions bounded = options.withReadTimeout(Duration.ofMillis(profile.timeoutMillis()));
        try (StreamingResponse response = Exchange.open(pool, decision, request, bounded, true)) {
            return new ProbeAnswer(response.status(), response.route(), response.protocol(), profile.proxy(),
                    List.copyOf(passedOver));
        } catch (EgressException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            // Only closing the unread body can get here; the probe already has its answer's status.
            throw new EgressException(org.proxyconfig.domain.EgressFailure.UPSTREAM_ERROR, !profile.isDirect(),
                    "probe of " + OutboundHttpClient.target(request) + ": " + e.getClass().getSimpleName());
        } finally {
            pool.retire();
        }
    }

    /**
     * What a probe learned: the target's status, how it was routed, the protocol spoken, the
     * proxy that carried it (empty when direct), and the proxies of the list tried before it
     * that could not be used — those a request would have set aside.
     */
    public record ProbeAnswer(int status, RouteDecision route, String protocol, Optional<ProxyEndpoint> proxyUsed,
                              List<PassedOver> passedOver) {
    }

    /** A proxy of the list that could not be used: how, in the kinds and words of an {@link EgressException}. */
    public record PassedOver(ProxyEndpoint proxy, org.proxyconfig.domain.EgressFailure kind, String message) {
    }

    @Override
    public void close() {
        pools.close();
        factory.close();
    }
}
