package org.proxyconfig.adapters.egress.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.RealProxyFixture;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.adapters.egress.bridge.BridgeClients.Answer;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;

/**
 * The bridges with the clients other services use, against real proxies (tinyproxy, microsocks,
 * stunnel) and real real.targets(). Passage is proven by the proxy's own log and the target's counts;
 * a refusal by the target having seen nothing and no proxy having logged anything.
 */
class BridgesThroughRealProxiesTest {

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    private static BridgeClients bridge;
    private static Runnable restoreJvmDefaults;
    /** A target that asks for credentials of its own (401 + Basic) and keeps what it was sent. */
    private static HttpServer asking;
    private static final ConcurrentLinkedQueue<String> askingSawHeaders = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        bridge = new BridgeClients(real.pki());
        restoreJvmDefaults = bridge.installUrlConnectionDefaults();
        asking = HttpServer.create(new InetSocketAddress(TestPki.nonLoopbackAddress(), 0), 16);
        asking.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> askingSawHeaders.add(name + ": " + values));
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"target\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        asking.start();
    }

    @AfterAll
    static void stop() {
        if (restoreJvmDefaults != null) restoreJvmDefaults.run();
        if (asking != null) asking.stop(0);
    }

    private static String http(RealProxies.ProxyProcess proxy) {
        return "http://127.0.0.1:" + proxy.port;
    }

    private static String path() {
        return "/bridge/" + UUID.randomUUID();
    }

    // ---- the JDK HttpClient -------------------------------------------------------------------

    @Test
    void jdkHttpClientThroughTheAuthenticatingTinyproxyToAnHttpTarget() throws Exception {
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true);
        String path = path();
        int mark = real.proxies().tinyproxyAuth.mark();

        Answer answer = BridgeClients.send(bridge.jdkClient(), real.targets().http(path));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("target saw GET " + path + " with 0 body bytes");
        assertThat(real.proxies().tinyproxyAuth.since(mark)).contains("GET " + real.targets().http(path) + " HTTP/1.1");
        assertThat(real.targets().last(path).via()).contains("tinyproxy");
    }

    @Test
    void jdkHttpClientThroughTheOpenTinyproxyToHttpAndHttpsTargets() throws Exception {
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyOpen), false);
        HttpClient client = bridge.jdkClient();
        String plain = path();
        String tls = path();
        int mark = real.proxies().tinyproxyOpen.mark();

        assertThat(BridgeClients.send(client, real.targets().http(plain)).status()).isEqualTo(200);
        assertThat(BridgeClients.send(client, real.targets().https(tls)).status()).isEqualTo(200);

        String logged = real.proxies().tinyproxyOpen.since(mark);
        assertThat(logged).contains("GET " + real.targets().http(plain) + " HTTP/1.1")
                .contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort() + " HTTP/1.1");
        assertThat(real.targets().count(plain)).isEqualTo(1);
        assertThat(real.targets().count(tls)).isEqualTo(1);
    }

    @Test
    void withTheJdkDefaultsBasicIsNotSentOnATunnelAndTheProxysRefusalIsTheAnswer() throws Exception {
        // This JVM keeps jdk.http.auth.tunneling.disabledSchemes=Basic (TunnelBasicAuthTest clears it).
        assertThat(System.getProperty("jdk.http.auth.tunneling.disabledSchemes")).isNull();
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true);
        String path = path();
        int mark = real.proxies().tinyproxyAuth.mark();

        Answer answer = BridgeClients.send(bridge.jdkClient(), real.targets().https(path));

        assertThat(answer.status()).as("the proxy's 407, not a direct connection").isEqualTo(407);
        assertThat(real.proxies().tinyproxyAuth.since(mark)).contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort());
        assertThat(real.targets().count(path)).isZero();
    }

    @Test
    void aSocksConfigurationFailsTheJdkHttpClientInsteadOfGoingDirect() {
        for (String scheme : List.of("socks5", "socks5h")) {
            bridge.use(ProxyType.SOCKS5, scheme + "://127.0.0.1:" + real.proxies().microsocksAuth.port, true);
            String path = path();
            int[] marks = real.proxies().markAll();

            assertThatThrownBy(() -> BridgeClients.send(bridge.jdkClient(), real.targets().http(path)))
                    .isInstanceOf(UnsupportedProxyException.class)
                    .hasMessageContaining(scheme + " proxy configured")
                    .hasMessageContaining("the JDK HttpClient cannot use SOCKS")
                    .hasMessageContaining("refusing to go direct")
                    .hasMessageNotContaining(RealProxies.PASSWORD);

            assertThat(real.targets().count(path)).as("the target saw nothing").isZero();
            assertThat(real.proxies().sinceAll(marks)).as("no proxy saw anything").isEmpty();
        }
    }

    @Test
    void anHttpsProxyFailsTheJdkClientsForTheyCannotSpeakTlsToIt() {
        bridge.use(ProxyType.HTTP, "https://127.0.0.1:" + real.proxies().stunnel.port, true);
        String path = path();
        int[] marks = real.proxies().markAll();

        assertThatThrownBy(() -> BridgeClients.send(bridge.jdkClient(), real.targets().https(path)))
                .isInstanceOf(UnsupportedProxyException.class)
                .hasMessageContaining("cannot speak TLS to a proxy").hasMessageNotContaining(RealProxies.PASSWORD);
        assertThatThrownBy(() -> bridge.urlConnection(real.targets().http(path)))
                .isInstanceOf(UnsupportedProxyException.class)
                .hasMessageContaining("HttpURLConnection cannot speak TLS to a proxy");

        assertThat(real.targets().count(path)).isZero();
        assertThat(real.proxies().sinceAll(marks)).as("not even the TLS proxy was connected to").isEmpty();
    }

    @Test
    void aTcpProxyTunnelsTlsTargetsAndRefusesPlainOnes() throws Exception {
        bridge.use(ProxyType.TCP, "tcp://127.0.0.1:" + real.proxies().tinyproxyOpen.port, false);
        String tls = path();
        String plain = path();
        int mark = real.proxies().tinyproxyOpen.mark();

        assertThat(BridgeClients.send(bridge.jdkClient(), real.targets().https(tls)).status()).isEqualTo(200);
        assertThatThrownBy(() -> BridgeClients.send(bridge.jdkClient(), real.targets().http(plain)))
                .isInstanceOf(UnsupportedProxyException.class).hasMessageContaining("absolute form");

        assertThat(real.proxies().tinyproxyOpen.since(mark)).contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort())
                .doesNotContain(plain);
        assertThat(real.targets().count(plain)).isZero();
    }

    // ---- HttpURLConnection --------------------------------------------------------------------

    @Test
    void urlConnectionThroughTheAuthenticatingTinyproxyToAnHttpTarget() throws Exception {
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true);
        String path = path();
        int mark = real.proxies().tinyproxyAuth.mark();

        Answer answer = bridge.urlConnection(real.targets().http(path));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(real.proxies().tinyproxyAuth.since(mark)).contains("GET " + real.targets().http(path) + " HTTP/1.1");
        assertThat(real.targets().last(path).via()).contains("tinyproxy");
    }

    @Test
    void urlConnectionThroughTheOpenTinyproxyToAnHttpsTarget() throws Exception {
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyOpen), false);
        String path = path();
        int mark = real.proxies().tinyproxyOpen.mark();

        assertThat(bridge.urlConnection(real.targets().https(path)).status()).isEqualTo(200);

        assertThat(real.proxies().tinyproxyOpen.since(mark)).contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort());
        assertThat(real.targets().count(path)).isEqualTo(1);
    }

    @Test
    void urlConnectionThroughMicrosocksWithAndWithoutCredentials() throws Exception {
        for (RealProxies.ProxyProcess socks : List.of(real.proxies().microsocksAuth, real.proxies().microsocksOpen)) {
            boolean auth = socks == real.proxies().microsocksAuth;
            bridge.use(ProxyType.SOCKS5, "socks5://127.0.0.1:" + socks.port, auth);
            String path = path();
            int mark = socks.mark();

            assertThat(bridge.urlConnection(real.targets().http(path)).status()).as(socks.name).isEqualTo(200);

            assertThat(socks.since(mark)).contains("connected to " + real.targets().ip + ":" + real.targets().httpPort());
            assertThat(real.targets().count(path)).isEqualTo(1);
        }
    }

    @Test
    void urlConnectionWithSocks5hStillLooksTheNameUpHereWhenItCan() throws Exception {
        // What the docs' table says: HttpURLConnection resolves the target before Socket's SOCKS code
        // sees it, so the proxy is sent the address; only a name that does not resolve here is sent as a name.
        bridge.use(ProxyType.SOCKS5, "socks5h://127.0.0.1:" + real.proxies().microsocksAuth.port, true);
        String path = path();
        int mark = real.proxies().microsocksAuth.mark();

        assertThat(bridge.urlConnection(real.targets().named(path)).status()).isEqualTo(200);

        String address = InetAddress.getByName(real.targets().hostName).getHostAddress();
        assertThat(real.proxies().microsocksAuth.since(mark)).contains("connected to " + address + ":" + real.targets().namedPort())
                .doesNotContain("connected to " + real.targets().hostName);
    }

    // ---- OkHttp -------------------------------------------------------------------------------

    private static OkHttpClient okHttp() {
        // OkHttp answers a 407 through its own Authenticator; this adapter asks the bridge's, so the
        // same rule (the proxy in force only) decides. SOCKS credentials come from the JVM default.
        java.net.Authenticator credentials = ProxyBridges.authenticator(bridge.routing::get);
        return new OkHttpClient.Builder()
                .proxySelector(ProxyBridges.forOkHttp(bridge.routing::get, Purpose.INFERENCE))
                .proxyAuthenticator((route, response) -> {
                    InetSocketAddress proxy = (InetSocketAddress) route.proxy().address();
                    var answer = credentials.requestPasswordAuthenticationInstance(proxy.getHostString(), null,
                            proxy.getPort(), "http", "", "basic", response.request().url().url(),
                            java.net.Authenticator.RequestorType.PROXY);
                    if (answer == null || response.request().header("Proxy-Authorization") != null) return null;
                    return response.request().newBuilder().header("Proxy-Authorization",
                            okhttp3.Credentials.basic(answer.getUserName(), new String(answer.getPassword()))).build();
                })
                .sslSocketFactory(bridge.tls.getSocketFactory(), bridge.trust)
                .build();
    }

    @Test
    void okHttpThroughTheAuthenticatingTinyproxyAndMicrosocks() throws Exception {
        OkHttpClient client = okHttp();
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true);
        String viaHttp = path();
        String viaSocks = path();
        int httpMark = real.proxies().tinyproxyAuth.mark();
        int socksMark = real.proxies().microsocksAuth.mark();

        // An HTTPS target: OkHttp answers the CONNECT's 407 with Basic (it has no tunnelling restriction).
        try (Response response = client.newCall(new Request.Builder().url(real.targets().https(viaHttp).toString()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        bridge.use(ProxyType.SOCKS5, "socks5h://127.0.0.1:" + real.proxies().microsocksAuth.port, true);
        try (Response response = client.newCall(new Request.Builder().url(real.targets().http(viaSocks).toString()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        assertThat(real.proxies().tinyproxyAuth.since(httpMark)).contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort())
                .contains("Established connection");
        assertThat(real.proxies().microsocksAuth.since(socksMark)).contains("connected to " + real.targets().ip + ":" + real.targets().httpPort());
        assertThat(real.targets().count(viaHttp)).isEqualTo(1);
        assertThat(real.targets().count(viaSocks)).isEqualTo(1);
    }

    // ---- direct, live changes, credentials ----------------------------------------------------

    @Test
    void aDisabledPurposeOrANoProxyHitGoesDirectAndNoProxySeesIt() throws Exception {
        HttpClient jdk = bridge.jdkClient();
        for (var config : List.of(
                BridgeClients.config(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true).enableForInference(false).enableForApi(true),
                BridgeClients.config(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true).noProxy(real.targets().ip))) {
            bridge.use(config);
            String jdkPath = path();
            String urlPath = path();
            int[] marks = real.proxies().markAll();

            assertThat(BridgeClients.send(jdk, real.targets().http(jdkPath)).status()).isEqualTo(200);
            assertThat(bridge.urlConnection(real.targets().http(urlPath)).status()).isEqualTo(200);

            assertThat(real.targets().count(jdkPath)).isEqualTo(1);
            assertThat(real.targets().count(urlPath)).isEqualTo(1);
            assertThat(real.targets().last(jdkPath).via()).isEmpty();
            assertThat(real.proxies().sinceAll(marks)).as("no proxy saw a direct request").isEmpty();
        }
    }

    @Test
    void aLiveChangeOfTheRouterIsFollowedByTheNextRequestOfTheSameClient() throws Exception {
        HttpClient client = bridge.jdkClient();
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyOpen), false);
        String first = path();
        String second = path();
        String third = path();
        int openMark = real.proxies().tinyproxyOpen.mark();
        int authMark = real.proxies().tinyproxyAuth.mark();

        assertThat(BridgeClients.send(client, real.targets().http(first)).status()).isEqualTo(200);
        bridge.use(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true);
        assertThat(BridgeClients.send(client, real.targets().http(second)).status()).isEqualTo(200);
        bridge.use(BridgeClients.config(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true).enabled(false));
        assertThat(BridgeClients.send(client, real.targets().http(third)).status()).isEqualTo(200);

        assertThat(real.proxies().tinyproxyOpen.since(openMark)).contains(first).doesNotContain(second).doesNotContain(third);
        assertThat(real.proxies().tinyproxyAuth.since(authMark)).contains(second).doesNotContain(first).doesNotContain(third);
        assertThat(real.targets().last(third).via()).as("disabled: direct").isEmpty();
    }

    @Test
    void aTargetAskingWith401NeverGetsTheProxyCredentials() throws Exception {
        URI target = URI.create("http://" + real.targets().ip + ":" + asking.getAddress().getPort() + "/login");
        String basic = Base64.getEncoder().encodeToString(
                (RealProxies.USER + ":" + RealProxies.PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String noProxy : List.of("", real.targets().ip)) { // through the authenticating proxy, then direct
            bridge.use(BridgeClients.config(ProxyType.HTTP, http(real.proxies().tinyproxyAuth), true).noProxy(noProxy));
            askingSawHeaders.clear();

            // The JDK HttpClient fails a 401 that its authenticator has no answer for; HttpURLConnection returns it.
            assertThatThrownBy(() -> BridgeClients.send(bridge.jdkClient(), target))
                    .isInstanceOf(IOException.class).hasMessage("No credentials provided");
            assertThat(bridge.urlConnection(target).status()).isEqualTo(401);

            assertThat(askingSawHeaders).as("the target was reached").isNotEmpty()
                    .noneMatch(h -> h.toLowerCase().startsWith("authorization"))
                    .noneMatch(h -> h.contains(basic) || h.contains(RealProxies.PASSWORD));
        }
    }
}
