package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.Secret;

/**
 * What makes the clients fit for LLM traffic, against the real proxies and a real HTTP/2 target:
 * pooled connections (one tunnel per connection, not per request), pools retired when the route
 * changes, HTTP/2 by ALPN on every route, Server-Sent Events delivered as they are flushed, request
 * bodies streamed, and the configured timeout bounding DNS + connect + proxy handshake + TLS.
 */
class PooledStreamingIntegrationTest {

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    private static H2Target h2;
    private static final AtomicReference<ProxyRouter> active = new AtomicReference<>(ProxyRouter.compile(ProxyConfig.DEFAULTS));
    private static OutboundClients clients;

    @BeforeAll
    static void start() throws IOException {
        h2 = new H2Target(real.pki());
        clients = new OutboundClients(active::get, EgressOptions.defaults().withReadTimeout(Duration.ofSeconds(20))
                .withMaxBufferedBytes(1024 * 1024).withSystemTrust(real.pki().systemPlusTestCertificate()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) clients.close();
        if (h2 != null) h2.close();
    }

    // ---- pooling --------------------------------------------------------------------------------

    @Test
    void sequentialRequestsThroughTheProxyShareOneTunnel() throws IOException {
        use(proxy("http", true));
        int mark = real.proxies().tinyproxyAuth.mark();

        for (int i = 0; i < 5; i++) {
            assertThat(clients.api().get(real.targets().https("/pooled/" + i)).status()).isEqualTo(200);
            assertThat(clients.api().get(h2.https("/protocol")).bodyText()).isEqualTo("saw HTTP/2.0");
        }

        String log = real.proxies().tinyproxyAuth.since(mark);
        assertThat(count(log, "CONNECT " + real.targets().ip + ":" + real.targets().httpsPort() + " ")).as(log).isEqualTo(1);
        assertThat(count(log, "CONNECT " + real.targets().ip + ":" + h2.httpsPort() + " ")).as(log).isEqualTo(1);
    }

    @Test
    void aChangedProxyProfileRetiresItsPoolAndAnUnchangedOneKeepsIt() throws IOException {
        // A timeout no other test uses: a profile of its own, so no earlier test's tunnel is warm.
        ProxyConfig.Builder first = proxy("http", true).timeoutSeconds(6);
        String tunnel = "CONNECT " + real.targets().ip + ":" + h2.httpsPort() + " ";
        use(first);
        int mark = real.proxies().tinyproxyAuth.mark();
        clients.api().get(h2.https("/protocol"));

        use(first.noProxy(".unrelated.example")); // a new configuration, the same proxy, credentials and trust
        clients.api().get(h2.https("/protocol"));
        assertThat(count(real.proxies().tinyproxyAuth.since(mark), tunnel)).as("the warm tunnel is kept").isEqualTo(1);

        use(proxy("http", false)); // another proxy
        int openMark = real.proxies().tinyproxyOpen.mark();
        clients.api().get(h2.https("/protocol"));
        assertThat(count(real.proxies().tinyproxyOpen.since(openMark), tunnel)).isEqualTo(1);

        use(proxy("http", true).timeoutSeconds(6)); // back: the first pool was closed, so a new tunnel is opened
        clients.api().get(h2.https("/protocol"));
        assertThat(count(real.proxies().tinyproxyAuth.since(mark), tunnel)).as("a retired pool is never reused").isEqualTo(2);
    }

    @Test
    void anIdempotentRequestOnAConnectionThePeerClosedIsSentAgainOnANewOneAndAPostIsNot() throws Exception {
        use(proxy("http", true).noProxy(real.targets().ip));
        try (OneAnswerPerConnection target = new OneAnswerPerConnection(real.targets().ip)) {
            assertThat(clients.api().get(target.uri()).bodyText()).isEqualTo("ok");

            // The pooled connection gets the next request, and the target closes it without an answer.
            assertThat(clients.api().get(target.uri()).bodyText()).isEqualTo("ok");
            assertThat(target.connections()).as("the GET was sent again on a new connection").isEqualTo(2);

            assertThat(clients.api().get(target.uri()).bodyText()).isEqualTo("ok"); // a pooled connection again
            EgressException post = catchThrowableOfType(EgressException.class, () -> clients.api().send(
                    OutboundRequest.post(target.uri(), "application/json", new byte[] {'{', '}'})));
            assertThat(post.kind()).isEqualTo(EgressFailure.UPSTREAM_ERROR);
            assertThat(target.requests("POST")).as("a POST is never repeated by the client").isEqualTo(1);
        }
    }

    @Test
    void aSupplierThatCompilesANewRouterOnEveryCallIsFollowedByItsConfiguration() throws IOException {
        ProxyConfig config = proxy("http", true).timeoutSeconds(8).build();
        try (OutboundClients fresh = new OutboundClients(() -> ProxyRouter.compile(config),
                EgressOptions.defaults().withSystemTrust(real.pki().systemPlusTestCertificate()))) {
            int mark = real.proxies().tinyproxyAuth.mark();
            for (int i = 0; i < 3; i++) assertThat(fresh.api().get(h2.https("/protocol")).status()).isEqualTo(200);
            assertThat(count(real.proxies().tinyproxyAuth.since(mark), "CONNECT " + real.targets().ip + ":" + h2.httpsPort() + " "))
                    .as("equal configurations share one pool").isEqualTo(1);
        }
    }

    // ---- HTTP/2 ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "http", "tcp", "socks5", "socks5h"})
    void http2IsNegotiatedByAlpnOnEveryRoute(String route) throws IOException {
        use(route.equals("direct") ? proxy("http", true).noProxy(real.targets().ip) : proxy(route, true));

        OutboundResponse response = clients.inference().get(h2.https("/protocol"));

        assertThat(response.protocol()).isEqualTo("HTTP/2.0");
        assertThat(response.bodyText()).as("what the target saw").isEqualTo("saw HTTP/2.0");
        assertThat(response.route().route()).isEqualTo(route.equals("direct") ? RouteDecision.Route.DIRECT : RouteDecision.Route.PROXY);
        OutboundResponse http11 = clients.inference().get(real.targets().https("/h1"));
        assertThat(http11.protocol()).as("a target without h2 is spoken to in HTTP/1.1").isEqualTo("HTTP/1.1");
    }

    // ---- streaming ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct-h2", "http-h2", "socks5h-h2", "http-plain-absolute-form", "tcp-plain"})
    void serverSentEventsReachTheCallerAsTheServerFlushesThem(String variant) throws IOException {
        String route = variant.substring(0, variant.indexOf('-'));
        use(route.equals("direct") ? proxy("http", true).noProxy(real.targets().ip) : proxy(route, true));
        String id = UUID.randomUUID().toString();
        boolean tls = variant.endsWith("h2");

        try (StreamingResponse response = clients.inference().open(OutboundRequest.get(tls ? h2.https("/sse/" + id) : h2.http("/sse/" + id)));
             ServerSentEvents events = response.events()) {
            ServerSentEvent first = events.next().orElseThrow();
            // The target holds the rest of the stream until the test has seen the first event: a client
            // that waited for the whole body would get the target's "error" event instead.
            h2.release(id);
            ServerSentEvent rest = events.next().orElseThrow();

            assertThat(first.data()).isEqualTo("first over " + (tls ? "HTTP/2.0" : "HTTP/1.1"));
            assertThat(rest.event()).isEqualTo("done");
            assertThat(rest.data()).isEqualTo("second\nthird");
            assertThat(events.next()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https-h2", "http-plain"})
    void aRequestBodyOfUnknownLengthStreamsThroughTheProxy(String variant) throws IOException {
        use(proxy("http", true));
        long size = 4L * 1024 * 1024 + 17;
        boolean tls = variant.startsWith("https");

        OutboundResponse response = clients.api().send(OutboundRequest.post(tls ? h2.https("/count") : h2.http("/count"),
                "application/octet-stream", RequestBody.streamed(new Generated(size))));

        assertThat(response.bodyText()).isEqualTo("counted " + size + " bytes over " + (tls ? "HTTP/2.0" : "HTTP/1.1"));
    }

    @Test
    void aBodyAboveTheCapIsRefusedBySendAndStreamsWhole() throws IOException {
        use(proxy("http", true));

        EgressException tooLarge = catchThrowableOfType(EgressException.class, () -> clients.api().get(h2.https("/big/2")));
        long streamed;
        try (StreamingResponse response = clients.api().open(OutboundRequest.get(h2.https("/big/3")))) {
            streamed = response.body().transferTo(java.io.OutputStream.nullOutputStream());
        }

        assertThat(tooLarge.kind()).isEqualTo(EgressFailure.RESPONSE_TOO_LARGE);
        assertThat(streamed).isEqualTo(3L * 1024 * 1024);
    }

    // ---- the timeout ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct TLS handshake", "CONNECT to a silent proxy", "SOCKS5 to a silent proxy"})
    void theTimeoutBoundsConnectProxyHandshakeAndTlsTogether(String variant) throws IOException {
        // A socket that accepts connections (in its backlog) and never says a word.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName(real.targets().ip))) {
            String silentUrl = "//" + real.targets().ip + ":" + silent.getLocalPort();
            ProxyConfig.Builder config = switch (variant) {
                case "direct TLS handshake" -> proxy("http", true).noProxy(real.targets().ip);
                case "CONNECT to a silent proxy" -> base().type(ProxyType.HTTP).url("http:" + silentUrl);
                default -> base().type(ProxyType.SOCKS5).url("socks5:" + silentUrl);
            };
            use(config.timeoutSeconds(1));
            java.net.URI uri = variant.startsWith("direct") ? java.net.URI.create("https:" + silentUrl + "/x") : real.targets().https("/never");

            EgressException e = catchThrowableOfType(EgressException.class, () -> clients.scim().get(uri));

            assertThat(e.kind()).isEqualTo(EgressFailure.TIMEOUT);
            assertThat(e.getMessage()).contains("took longer than the timeout of 1000 ms");
            assertThat(e.viaProxy()).isEqualTo(!variant.startsWith("direct"));
            assertThat(real.targets().count("/never")).isZero();
        }
    }

    // ---- failure kinds --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "socks5", "socks5h", "http"})
    void aNameThatDoesNotResolveIsUnknownHereOrRefusedByTheProxyThatResolvesIt(String route) {
        use(route.equals("direct") ? base().enabled(false) : proxy(route, true));

        EgressException e = catchThrowableOfType(EgressException.class,
                () -> clients.api().get(java.net.URI.create("https://no-such-host.invalid/x")));

        // Here (direct, socks5) the lookup fails; socks5h and http leave the lookup to the proxy, which refuses.
        boolean resolvedHere = route.equals("direct") || route.equals("socks5");
        assertThat(e.kind()).isEqualTo(resolvedHere ? EgressFailure.UNKNOWN_HOST : EgressFailure.PROXY_REFUSED);
        assertThat(e.viaProxy()).isEqualTo(!route.equals("direct"));
        assertThat(e.getMessage()).contains("no-such-host.invalid").doesNotContain(RealProxies.PASSWORD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http", "socks5"})
    void aTargetThatRefusesTheProxysConnectionIsAProxyRefusalNeverDirect(String route) throws IOException {
        int closed = RealProxies.freePort();
        use(proxy(route, true));

        EgressException e = catchThrowableOfType(EgressException.class,
                () -> clients.api().get(java.net.URI.create("https://" + real.targets().ip + ":" + closed + "/x")));

        assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_REFUSED);
        assertThat(e.viaProxy()).isTrue();
        assertThat(e.getMessage()).contains(real.targets().ip + ":" + closed).doesNotContain(RealProxies.PASSWORD);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static ProxyConfig.Builder base() {
        return ProxyConfig.builder().enabled(true).timeoutSeconds(5).noProxy("")
                .enableForScim(true).enableForInference(true).enableForApi(true);
    }

    /** Every purpose through the real proxy of {@code type}; proxied TLS trusts the test certificate. */
    private static ProxyConfig.Builder proxy(String type, boolean auth) {
        RealProxies.ProxyProcess process = switch (type) {
            case "http", "tcp" -> auth ? real.proxies().tinyproxyAuth : real.proxies().tinyproxyOpen;
            default -> auth ? real.proxies().microsocksAuth : real.proxies().microsocksOpen;
        };
        return base().type(ProxyType.fromWire(type.startsWith("socks5") ? "socks5" : type))
                .url(type + "://127.0.0.1:" + process.port)
                .username(auth ? RealProxies.USER : "").password(Secret.of(auth ? RealProxies.PASSWORD : ""))
                .caCertPem(real.pki().certificatePem);
    }

    private static void use(ProxyConfig.Builder config) {
        active.set(ProxyRouter.compile(config.build()));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) n++;
        return n;
    }

    /**
     * An HTTP/1.1 target that answers the first request of each connection, keeps the connection
     * open as if for reuse, and closes it without a word when the next request arrives: what a
     * proxy that allows no keep-alive (tinyproxy) does while the client is already reusing it.
     */
    private static final class OneAnswerPerConnection implements AutoCloseable {
        private final ServerSocket server;
        private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.Queue<String> methods = new java.util.concurrent.ConcurrentLinkedQueue<>();

        OneAnswerPerConnection(String ip) throws IOException {
            server = new ServerSocket(0, 16, InetAddress.getByName(ip));
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket socket = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private void serve(java.net.Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                methods.add(readHead(in));
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String next = readHead(in);
                if (!next.isEmpty()) methods.add(next);
            } catch (IOException e) {
                // the client went away
            }
        }

        /** Reads one request head (and a small body, which these tests send without chunks); returns its method. */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1; ) head.append((char) b);
            String text = head.toString();
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
            if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
            return text.isEmpty() ? "" : text.substring(0, text.indexOf(' '));
        }

        java.net.URI uri() {
            return java.net.URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/");
        }

        int connections() {
            return connections.get();
        }

        long requests(String method) {
            return methods.stream().filter(method::equals).count();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** {@code size} bytes made up as they are read: a body that is never in memory whole. */
    private static final class Generated extends InputStream {
        private long left;

        Generated(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
        }
    }
}
