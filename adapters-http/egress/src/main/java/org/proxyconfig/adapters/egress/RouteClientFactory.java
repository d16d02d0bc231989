package org.proxyconfig.adapters.egress;

import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyType;

/**
 * Builds and starts the Jetty client of one {@link RouteProfile}. Every client offers HTTP/2 and
 * HTTP/1.1 by ALPN over TLS (the target chooses) and speaks HTTP/1.1 in clear text; follows no
 * redirect (a redirect to another host must be routed again by the caller, and a gateway passes
 * redirects on); keeps no cookies; adds no {@code User-Agent} and decodes no content (a gateway
 * relays what it is given). The clients share one thread pool and scheduler, so a pool per profile
 * costs a selector thread, not a thread pool.
 *
 * <p>Buffers: the connectors (TLS, HTTP/2) share one pool of direct buffers, but the HTTP/1.1
 * exchanges of each client take heap buffers that are never pooled (decision 0014). Jetty 12.1's
 * HTTP/1.1 client can release a network buffer twice when a proxy silently closes a kept-alive
 * connection (tinyproxy closes after every response) just as a new request is sent on it; from a
 * pool, that buffer went to another connection while still being parsed, which wiped it
 * mid-response ("Bad Response"). Unpooled, a buffer released once too often is only garbage.
 */
final class RouteClientFactory implements AutoCloseable {

    private final EgressOptions options;
    private final TlsProfiles tls;
    private final QueuedThreadPool threads = new QueuedThreadPool(128, 2);
    private final Scheduler scheduler = new ScheduledExecutorScheduler("egress-scheduler", true);
    private final ByteBufferPool connectorBuffers = new ArrayByteBufferPool();
    private final ByteBufferPool exchangeBuffers = new ByteBufferPool.NonPooling();

    RouteClientFactory(EgressOptions options) {
        this.options = options;
        this.tls = new TlsProfiles(options.systemTrust());
        threads.setName("egress");
        threads.setDaemon(true);
        try {
            threads.start();
            scheduler.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the outbound clients' threads", e);
        }
    }

    RoutePool start(RouteProfile profile) {
        SslContextFactory.Client trust = tls.forProfile(profile);
        ClientConnector connector = profile.proxy().<ClientConnector>map(TargetTlsMarkingConnector::new)
                .orElseGet(ClientConnector::new);
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setByteBufferPool(connectorBuffers);
        connector.setSslContextFactory(trust);
        HTTP2Client http2 = new HTTP2Client(connector);
        HttpClientTransportDynamic transport = new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(http2));
        HttpClient client = new DeadlineHttpClient(transport, profile.timeoutMillis(), !profile.isDirect());
        client.setName("egress-" + (profile.isDirect() ? "direct" : "proxied"));
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setByteBufferPool(exchangeBuffers);
        // Unpooled, a direct buffer would cost an allocateDirect per read; a heap one is cheap garbage.
        client.setUseInputDirectByteBuffers(false);
        client.setUseOutputDirectByteBuffers(false);
        client.setConnectTimeout(profile.timeoutMillis());
        client.setAddressResolutionTimeout(profile.timeoutMillis());
        client.setIdleTimeout(options.idleTimeout().toMillis());
        // A request sent again gets a destination of its own (Exchange): let idle ones go.
        client.setDestinationIdleTimeout(options.idleTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setDefaultRequestContentType(null);
        client.getContentDecoderFactories().clear();
        profile.proxy().ifPresent(endpoint -> {
            ProxyConfiguration.Proxy proxy = proxyFor(profile, endpoint, trust);
            client.getProxyConfiguration().addProxy(proxy);
            if (!profile.username().isEmpty() && profile.type() != ProxyType.SOCKS5) {
                // Preemptive Basic on the CONNECT and on absolute-form requests: one round trip, no 407 first.
                client.getAuthenticationStore().addAuthenticationResult(new BasicAuthentication.BasicResult(
                        proxy.getURI(), HttpHeader.PROXY_AUTHORIZATION, profile.username(), profile.password().reveal()));
            }
        });
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an outbound client for " + profile.describe(), e);
        }
        return new RoutePool(profile, client);
    }

    private static ProxyConfiguration.Proxy proxyFor(RouteProfile profile, ProxyEndpoint endpoint,
                                                     SslContextFactory.Client trust) {
        Origin.Address address = new Origin.Address(endpoint.host(), endpoint.port());
        SslContextFactory.Client toProxy = endpoint.tlsToProxy() ? trust : null;
        return switch (profile.type()) {
            case HTTP -> new StagedHttpProxy(address, toProxy, false);
            case TCP -> new StagedHttpProxy(address, toProxy, true);
            case SOCKS5 -> new Socks5Route(endpoint, profile.username(), profile.password());
        };
    }

    /** The connector of a proxied client: its TLS with a target marks the proxy passed ({@link ProxyStage}). */
    private static final class TargetTlsMarkingConnector extends ClientConnector {
        private final ProxyEndpoint proxy;

        TargetTlsMarkingConnector(ProxyEndpoint proxy) {
            this.proxy = proxy;
        }

        @Override
        public org.eclipse.jetty.io.ClientConnectionFactory newSslClientConnectionFactory(
                SslContextFactory.Client tls, org.eclipse.jetty.io.ClientConnectionFactory next) {
            return ProxyStage.markingAtTargetTls(super.newSslClientConnectionFactory(tls, next), proxy);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.stop();
            threads.stop();
        } catch (Exception e) {
            // Daemon threads: nothing is left running that would keep the JVM up.
        }
    }
}
