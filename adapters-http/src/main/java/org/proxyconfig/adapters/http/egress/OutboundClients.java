package org.proxyconfig.adapters.http.egress;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * The gateway's outbound clients, one per {@link Purpose}, created once and used forever. Each
 * asks {@code routing} (the application's {@code ActiveProxyConfig}) on every request, so the
 * configuration in force at that moment decides: a PUT needs no restart and no client is stale.
 */
public final class OutboundClients {

    /** How long a response may take once the request is sent (LLM responses can be slow). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    /** The largest response body a client accepts. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

    private final Supplier<ProxyRouter> routing;
    private final ProxyConnector connector;
    private final Map<Purpose, OutboundHttpClient> clients = new EnumMap<>(Purpose.class);

    /** Clients verifying direct TLS against the JDK's default trust store. */
    public OutboundClients(Supplier<ProxyRouter> routing) {
        this(routing, new ProxyConnector(), DEFAULT_READ_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public OutboundClients(Supplier<ProxyRouter> routing, ProxyConnector connector, Duration readTimeout,
                           int maxResponseBytes) {
        this.routing = Objects.requireNonNull(routing, "routing");
        this.connector = Objects.requireNonNull(connector, "connector");
        for (Purpose purpose : Purpose.values()) {
            clients.put(purpose, new OutboundHttpClient(connector, routing, purpose, readTimeout, maxResponseBytes));
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
     * A raw connection (any protocol) to {@code host:port} for {@code purpose}, under the
     * configuration in force now: direct, or a tunnel through the proxy; TLS when asked.
     */
    public EgressConnection connect(Purpose purpose, String host, int port, boolean tls) throws EgressException {
        return connector.connect(routing.get(), purpose, host, port, tls);
    }

    /** The shared connector (its TLS contexts are cached per configuration). */
    public ProxyConnector connector() {
        return connector;
    }
}
