package org.proxyconfig.adapters.egress.bridge;

import java.net.Authenticator;
import java.net.ProxySelector;
import java.util.function.Supplier;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * The bridges for clients that other services already use: a {@link ProxySelector} and an
 * {@link Authenticator} that follow the configuration in force. The selector is made for one kind
 * of client because the clients differ in what they silently ignore (the JDK HttpClient drops a
 * SOCKS proxy and goes direct); give each client the selector made for it.
 */
public final class ProxyBridges {

    private ProxyBridges() {
    }

    /** For {@code HttpClient.newBuilder().proxy(...)}: SOCKS and https proxies fail the request. */
    public static ProxySelector forJdkHttpClient(Supplier<ProxyRouter> routing, Purpose purpose) {
        return new RoutingProxySelector(routing, purpose, HttpClientKind.JDK_HTTP_CLIENT);
    }

    /** For {@code HttpURLConnection}, which only reads the JVM default: {@code ProxySelector.setDefault(...)}. */
    public static ProxySelector forUrlConnection(Supplier<ProxyRouter> routing, Purpose purpose) {
        return new RoutingProxySelector(routing, purpose, HttpClientKind.URL_CONNECTION);
    }

    /** For {@code OkHttpClient.Builder().proxySelector(...)}. */
    public static ProxySelector forOkHttp(Supplier<ProxyRouter> routing, Purpose purpose) {
        return new RoutingProxySelector(routing, purpose, HttpClientKind.OKHTTP);
    }

    /** As {@link #forJdkHttpClient(Supplier, Purpose)}, telling {@code observer} of each route and failed proxy connection. */
    public static ProxySelector forJdkHttpClient(Supplier<ProxyRouter> routing, Purpose purpose, EgressObserver observer) {
        return new RoutingProxySelector(routing, purpose, HttpClientKind.JDK_HTTP_CLIENT, observer);
    }

    /** As {@link #forUrlConnection(Supplier, Purpose)}, with an observer. */
    public static ProxySelector forUrlConnection(Supplier<ProxyRouter> routing, Purpose purpose, EgressObserver observer) {
        return new RoutingProxySelector(routing, purpose, HttpClientKind.URL_CONNECTION, observer);
    }

    /** As {@link #forOkHttp(Supplier, Purpose)}, with an observer. */
    public static ProxySelector forOkHttp(Supplier<ProxyRouter> routing, Purpose purpose, EgressObserver observer) {
        return new RoutingProxySelector(routing, purpose, HttpClientKind.OKHTTP, observer);
    }

    /** The proxy credentials, for the proxy in force only; the same one serves every client and purpose. */
    public static Authenticator authenticator(Supplier<ProxyRouter> routing) {
        return new RoutingAuthenticator(routing);
    }
}
