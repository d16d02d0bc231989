package org.proxyconfig.adapters.http.egress;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.egress.*;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proxyconfig.adapters.http.DryRunRoutes;
import org.proxyconfig.adapters.http.ErrorResponses;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.service.DryRunService;
import org.proxyconfig.application.service.UpdateProxyConfigService;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.ProxyConfigDraft;

/**
 * {@code POST /api/proxy-config/test} over a real socket, with probes through the real proxies:
 * each decision kind, draft validation with the PUT's 400s, and a probe through every proxy type.
 */
class DryRunIntegrationTest {

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    private static final String PATH = "/api/proxy-config/test";

    private static InMemoryProxyConfigStore store;
    private static WebServer server;
    /** Only probes: each runs under the router it is given, not the one in force. */
    private static OutboundClients clients;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        store = new InMemoryProxyConfigStore();
        // Production trust: the system roots; the test target is trusted through ca_cert_pem only.
        clients = new OutboundClients(() -> ProxyRouter.compile(ProxyConfig.DEFAULTS));
        DryRunService dryRun = new DryRunService(store, new ProbingTargetProber(clients, new org.proxyconfig.adapters.http.metrics.Metrics().probes()));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    // As in HttpApi: the configuration routes' prefix is registered first and must not swallow /test.
                    routing.register("/api/proxy-config", rules -> rules.get("/", (req, res) -> res.send("config")))
                            .register(DryRunRoutes.PATH, new DryRunRoutes(dryRun))
                            .any((req, res) -> res.status(io.helidon.http.Status.NOT_FOUND_404).send());
                    ErrorResponses.register(routing);
                })
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (clients != null) clients.close();
    }

    @BeforeEach
    void storeAnHttpProxyForInference() {
        new UpdateProxyConfigService(store, Clock.systemUTC()).update(new UpdateProxyConfigCommand(
                ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true)
                        .with(ConfigField.URL, "http://127.0.0.1:" + real.proxies().tinyproxyAuth.port)
                        .with(ConfigField.USERNAME, RealProxies.USER).with(ConfigField.PASSWORD, RealProxies.PASSWORD)
                        .with(ConfigField.NO_PROXY, ".internal.example").with(ConfigField.TIMEOUT, 5L)
                        .with(ConfigField.ENABLE_FOR_INFERENCE, true).with(ConfigField.CA_CERT_PEM, real.pki().certificatePem),
                "dry-run-test"));
    }

    // ---- each decision kind -------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} -> {2} by {3}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.openai.com/v1/models      | inference | proxy  | proxy enabled for this purpose and no no_proxy entry matched
            https://idp.internal.example/scim/v2  | inference | direct | no_proxy entry '.internal.example'
            http://169.254.169.254/latest         | inference | direct | always-direct host '169.254.169.254'
            http://localhost:8080/x               | inference | direct | always-direct host 'localhost'
            https://api.openai.com/v1/models      | scim      | direct | proxy not enabled for this purpose
            """)
    void theStoredConfigurationDecides(String target, String purpose, String route, String decidedBy) {
        JsonObject answer = ok(post("{\"target\":\"" + target + "\",\"purpose\":\"" + purpose + "\"}"));

        assertThat(answer.getString("route")).isEqualTo(route);
        assertThat(answer.getString("decided_by")).isEqualTo(decidedBy);
        assertThat(answer.getString("proxy")).isEqualTo(route.equals("proxy")
                ? "http://127.0.0.1:" + real.proxies().tinyproxyAuth.port : "");
        assertThat(answer.containsKey("probe")).isFalse();
    }

    @Test
    void aDraftDecidesInsteadOfTheStoredConfigurationAndNothingIsSaved() {
        long before = revisions();

        JsonObject disabled = ok(post("""
                {"target":"https://api.openai.com/","purpose":"inference","config":{"enabled":false}}"""));
        JsonObject socks = ok(post("""
                {"target":"https://api.openai.com/","purpose":"api",
                 "config":{"enabled":true,"type":"socks5","url":"socks5h://10.9.9.9:1080","enable_for_api":true}}"""));

        assertThat(disabled.getString("route")).isEqualTo("direct");
        assertThat(disabled.getString("decided_by")).isEqualTo("proxy disabled");
        assertThat(socks.getString("route")).isEqualTo("proxy");
        assertThat(socks.getString("proxy")).isEqualTo("socks5h://10.9.9.9:1080");
        assertThat(revisions()).isEqualTo(before);
    }

    @Test
    void otherMethodsOnTheDryRunPathAre405() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void theAnswerHasAFixedShape() {
        String body = post("{\"target\":\"https://api.openai.com/\",\"purpose\":\"scim\"}").body();

        assertThat(body).isEqualTo("{\"route\":\"direct\",\"decided_by\":\"proxy not enabled for this purpose\",\"proxy\":\"\"}");
    }

    // ---- refusals -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"target":"https://a.example/","purpose":"inference","config":{"enabled":true,"url":"ftp://p:1"}}    | url
            {"target":"https://a.example/","purpose":"inference","config":{"timeout":"30"}}                     | timeout
            {"target":"https://a.example/","purpose":"inference","config":{"password":"x"}}                     | username
            {"target":"https://a.example/","purpose":"inference","config":{"ca_cert_pem":"nope"}}               | ca_cert_pem
            {"target":"https://a.example/","purpose":"inference","config":"http://p:1"}                         | config
            {"target":"ftp://a.example/","purpose":"inference"}                                                 | target
            {"target":"/relative","purpose":"inference"}                                                        | target
            {"target":"https://a.example/ x","purpose":"inference"}                                             | target
            {"purpose":"inference"}                                                                             | target
            {"target":"https://a.example/","purpose":"telemetry"}                                               | purpose
            {"target":"https://a.example/","purpose":"inference","probe":"yes"}                                 | probe
            """)
    void aBadRequestIsA400NamingTheField(String body, String field) {
        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject error = json(response.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo(field);
        assertThat(error.getString("message")).startsWith(field + ":");
    }

    @Test
    void aTargetHostThatCannotBeRoutedIsA400() {
        HttpResponse<String> response = post("{\"target\":\"http://" + "a".repeat(64) + ".example/\",\"purpose\":\"inference\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_target");
        assertThat(json(response.body()).getJsonObject("error").getString("message")).startsWith("target:");
    }

    @Test
    void keepingTheStoredPasswordForAnotherProxyHostIsRefused() {
        HttpResponse<String> response = post("""
                {"target":"https://a.example/","purpose":"inference","probe":true,
                 "config":{"enabled":true,"url":"http://attacker.example:3128","username":"gw-user",
                           "password":"<redacted>","enable_for_inference":true}}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getJsonObject("error").getString("param")).isEqualTo("password");
    }

    // ---- probes through every proxy type ------------------------------------------------------

    @ParameterizedTest(name = "{0} via {1}, https target {2}")
    @CsvSource({
            "http, tinyproxy, false", "http, tinyproxy, true", "tcp, tinyproxy, false", "tcp, tinyproxy, true",
            "socks5, microsocks, false", "socks5h, microsocks, true", "https, stunnel, true"})
    void aProbeReallyRequestsTheTargetThroughTheDraftsProxy(String scheme, String via, boolean tlsTarget) {
        RealProxies.ProxyProcess proxy = switch (via) {
            case "tinyproxy" -> real.proxies().tinyproxyAuth;
            case "microsocks" -> real.proxies().microsocksAuth;
            default -> real.proxies().stunnel;
        };
        String type = scheme.startsWith("socks5") ? "socks5" : scheme.equals("https") ? "http" : scheme;
        String path = "/probe/" + UUID.randomUUID();
        String target = (tlsTarget ? real.targets().https(path) : real.targets().http(path)).toString();
        int mark = proxy.mark();

        JsonObject answer = ok(post(probeBody(target, type, scheme + "://127.0.0.1:" + proxy.port, RealProxies.PASSWORD)));

        assertThat(answer.getString("route")).isEqualTo("proxy");
        JsonObject probe = answer.getJsonObject("probe");
        assertThat(probe.getBoolean("ok")).as(probe.toString()).isTrue();
        assertThat(probe.getInt("status")).isEqualTo(200);
        assertThat(probe.getJsonNumber("latency_ms").longValue()).isNotNegative();
        assertThat(real.targets().count(path)).isEqualTo(1);
        assertThat(proxy.since(mark)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http, proxy_auth_required", "tcp, proxy_auth_required", "socks5, socks_auth_rejected"})
    void aProbeWithAWrongPasswordReportsTheProxysRefusalAndNeverGoesDirect(String type, String error) {
        int port = type.equals("socks5") ? real.proxies().microsocksAuth.port : real.proxies().tinyproxyAuth.port;
        String path = "/probe-wrong/" + UUID.randomUUID();

        JsonObject probe = ok(post(probeBody(real.targets().https(path).toString(), type, type + "://127.0.0.1:" + port,
                "wrong-password"))).getJsonObject("probe");

        assertThat(probe.getBoolean("ok")).isFalse();
        assertThat(probe.getString("error")).isEqualTo(error);
        assertThat(probe.getString("message")).doesNotContain("wrong-password").doesNotContain("Basic ");
        assertThat(real.targets().count(path)).isZero();
    }

    @Test
    void aProbeOfTheStoredConfigurationUsesTheStoredPassword() {
        String path = "/probe-stored/" + UUID.randomUUID();

        JsonObject probe = ok(post("{\"target\":\"" + real.targets().https(path) + "\",\"purpose\":\"inference\",\"probe\":true}"))
                .getJsonObject("probe");

        assertThat(probe.getBoolean("ok")).as(probe.toString()).isTrue();
        assertThat(real.targets().count(path)).isEqualTo(1);
    }

    @Test
    void aDirectProbeOfAnUntrustedCertificateIsATlsFailure() {
        JsonObject probe = ok(post("{\"target\":\"" + real.targets().https("/probe-direct") + "\",\"purpose\":\"scim\",\"probe\":true}"))
                .getJsonObject("probe");

        assertThat(probe.getBoolean("ok")).isFalse();
        assertThat(probe.getString("error")).isEqualTo("tls_failure");
    }

    @Test
    void aProbeThroughAClosedPortIsAConnectFailure() throws IOException {
        int closed = RealProxies.freePort();

        JsonObject probe = ok(post(probeBody(real.targets().http("/probe-closed").toString(), "http",
                "http://127.0.0.1:" + closed, ""))).getJsonObject("probe");

        assertThat(probe.getString("error")).isEqualTo("connect_failed");
        assertThat(probe.getString("message")).contains("127.0.0.1:" + closed);
    }

    @Test
    void aProbeTriesTheFallbacksInOrderAndNamesTheProxyUsedAndThoseSetAside() throws IOException {
        int closed = RealProxies.freePort();
        String dead = "http://127.0.0.1:" + closed;
        String alive = "http://127.0.0.1:" + real.proxies().tinyproxyAuth.port;
        String path = "/probe-fallback/" + UUID.randomUUID();
        JsonObject body = json(probeBody(real.targets().https(path).toString(), "http", dead, RealProxies.PASSWORD));
        JsonObject draft = Json.createObjectBuilder(body.getJsonObject("config"))
                .add("fallback_urls", Json.createArrayBuilder().add(alive)).build();

        JsonObject answer = ok(post(Json.createObjectBuilder(body).add("config", draft).build().toString()));

        assertThat(answer.getJsonArray("proxies").getValuesAs(jakarta.json.JsonString::getString)).containsExactly(dead, alive);
        JsonObject probe = answer.getJsonObject("probe");
        assertThat(probe.getBoolean("ok")).as(probe.toString()).isTrue();
        assertThat(probe.getString("proxy_used")).isEqualTo(alive);
        JsonObject setAside = probe.getJsonArray("set_aside").getJsonObject(0);
        assertThat(setAside.getString("proxy")).isEqualTo(dead);
        assertThat(setAside.getString("error")).isEqualTo("connect_failed");
        assertThat(setAside.getString("message")).contains("127.0.0.1:" + closed).doesNotContain(RealProxies.PASSWORD);
        assertThat(real.targets().count(path)).as("reached once, through the fallback").isEqualTo(1);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String probeBody(String target, String type, String url, String password) {
        return Json.createObjectBuilder()
                .add("target", target).add("purpose", "api").add("probe", true)
                .add("config", Json.createObjectBuilder()
                        .add("enabled", true).add("type", type).add("url", url)
                        .add("username", password.isEmpty() ? "" : RealProxies.USER).add("password", password)
                        .add("timeout", 5).add("enable_for_api", true).add("ca_cert_pem", real.pki().certificatePem))
                .build().toString();
    }

    private static long revisions() {
        return store.read(log -> log.latest().map(r -> r.number()).orElse(0L));
    }

    private static HttpResponse<String> post(String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + PATH))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
