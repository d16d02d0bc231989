package org.proxyconfig.adapters.egress.bridge;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * A {@link ProxySelector} that answers from the routing decision in force, for one purpose and one
 * kind of client: the way a client that takes a {@code ProxySelector} (the JDK HttpClient,
 * {@code HttpURLConnection}, OkHttp) follows the configuration, live.
 *
 * <p>The router is read on every {@code select}, so a new configuration applies to the next
 * request with nothing rebuilt. It fails closed: when the decision is PROXY the answer is the proxy
 * or an {@link UnsupportedProxyException}, never an empty list or {@code DIRECT}, which every
 * client takes for "go direct"; {@link #connectFailed} never leads to another answer.
 *
 * <p>URIs of other schemes than http, https, ws and wss (the {@code socket://} a raw
 * {@code Socket} asks the JVM's default selector) are no request of this purpose and are answered
 * {@code DIRECT}: installed as the JVM default, the bridge leaves a database driver's sockets
 * alone rather than routing or breaking them.
 */
public final class RoutingProxySelector extends ProxySelector {

    private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

    private final Supplier<ProxyRouter> routing;
    private final Purpose purpose;
    private final HttpClientKind client;
    private final EgressObserver observer;

    public RoutingProxySelector(Supplier<ProxyRouter> routing, Purpose purpose, HttpClientKind client) {
        this(routing, purpose, client, EgressObserver.NONE);
    }

    /** @param observer told of each answer's route, and of each proxy the client could not connect to */
    public RoutingProxySelector(Supplier<ProxyRouter> routing, Purpose purpose, HttpClientKind client, EgressObserver observer) {
        this.routing = Objects.requireNonNull(routing, "routing");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.client = Objects.requireNonNull(client, "client");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * @throws UnsupportedProxyException when the request must go through a proxy this client cannot use
     * @throws org.proxyconfig.domain.InvalidTargetException when the target host cannot be parsed
     */
    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) throw new IllegalArgumentException("uri is null"); // what the ProxySelector contract says
        Optional<RequestTarget> target = RequestTarget.of(uri);
        if (target.isEmpty()) return DIRECT;
        RouteDecision decision = decide(target.get());
        observer.routed(purpose, decision);
        if (decision.route() == RouteDecision.Route.DIRECT) return DIRECT;
        // The whole list, in order: URLConnection and OkHttp try the next proxy when one cannot be
        // connected to; the JDK's HttpClient uses only the first.
        return decision.proxies().orElseThrow().inOrder().stream()
                .map(proxy -> JavaProxies.toProxy(proxy, client, target.get())).toList();
    }

    private RouteDecision decide(RequestTarget target) {
        return routing.get().decide(purpose, target.host(), target.port());
    }

    /**
     * Counted as a failed connection to the proxy, and that is all: the client tries the next
     * proxy of the list it was given, if any, and a failed proxy is never replaced by direct.
     */
    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
        if (uri == null || proxy == null) return;
        RequestTarget.of(uri).ifPresent(target -> {
            RouteDecision decision = decide(target);
            if (decision.route() == RouteDecision.Route.PROXY) {
                observer.failed(purpose, decision, EgressFailure.CONNECT_FAILED, target.host());
            }
        });
    }

    @Override
    public String toString() {
        return "RoutingProxySelector[" + purpose.wireName() + ", " + client.displayName() + "]";
    }
}
