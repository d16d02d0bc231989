package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.egress.OutboundResponse;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.RealProxyFixture;
import org.proxyconfig.domain.RouteDecision;

/**
 * The whole product path with real proxies: a configuration PUT through the API of the production
 * wiring is obeyed by the gateway's outbound clients on the very next request, the dry run probes
 * through it, and a restored revision brings back a password that really authenticates.
 * Passage is proven from each proxy's own log.
 */
class EgressEndToEndTest {

    private static final String PATH = "/api/proxy-config";

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    /** The test targets' self-signed certificate, trusted for proxied traffic as a JSON string value. */
    private static String caCertPem() {
        return "\"ca_cert_pem\":\"" + real.pki().certificatePem.replace("\r", "").replace("\n", "\\n") + "\"";
    }

    private static String httpProxy(int port, String password) {
        return "{\"enabled\":true,\"type\":\"http\",\"url\":\"http://127.0.0.1:" + port + "\",\"username\":\""
                + RealProxies.USER + "\",\"password\":\"" + password + "\",\"enable_for_api\":true," + caCertPem() + "}";
    }

    @Test
    void aPutThroughTheApiIsObeyedByTheVeryNextOutboundRequest() throws Exception {
        try (RunningServer server = new RunningServer(real.dir().resolve("live"))) {
            var api = server.server().outboundClients().api();

            assertThat(server.put(PATH, httpProxy(real.proxies().tinyproxyAuth.port, RealProxies.PASSWORD)).statusCode()).isEqualTo(200);
            int tinyMark = real.proxies().tinyproxyAuth.mark();
            OutboundResponse viaHttp = api.get(real.targets().https("/e2e-http"));
            assertThat(viaHttp.status()).isEqualTo(200);
            assertThat(viaHttp.route().route()).isEqualTo(RouteDecision.Route.PROXY);
            assertThat(real.proxies().tinyproxyAuth.since(tinyMark)).contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort());

            assertThat(server.put(PATH, "{\"enabled\":true,\"type\":\"socks5\",\"url\":\"socks5://127.0.0.1:"
                    + real.proxies().microsocksAuth.port + "\",\"username\":\"" + RealProxies.USER + "\",\"password\":\""
                    + RealProxies.PASSWORD + "\",\"enable_for_api\":true," + caCertPem() + "}").statusCode()).isEqualTo(200);
            int socksMark = real.proxies().microsocksAuth.mark();
            assertThat(api.get(real.targets().http("/e2e-socks")).status()).isEqualTo(200);
            assertThat(real.proxies().microsocksAuth.since(socksMark)).contains("connected to " + real.targets().ip + ":" + real.targets().httpPort());

            assertThat(server.put(PATH, "{\"enabled\":false}").statusCode()).isEqualTo(200);
            int[] marks = real.proxies().markAll();
            OutboundResponse direct = api.get(real.targets().http("/e2e-direct"));
            assertThat(direct.route().decidedBy()).isEqualTo(RouteDecision.DecidedBy.PROXY_DISABLED);
            assertThat(real.proxies().sinceAll(marks)).as("no proxy saw the request once disabled").isEmpty();
        }
    }

    @Test
    void aRestoredRevisionBringsBackAPasswordThatReallyAuthenticates() {
        try (RunningServer server = new RunningServer(real.dir().resolve("restore"))) {
            assertThat(server.put(PATH, httpProxy(real.proxies().tinyproxyAuth.port, RealProxies.PASSWORD)).statusCode()).isEqualTo(200);
            assertThat(server.put(PATH, httpProxy(real.proxies().tinyproxyAuth.port, "a-wrong-password")).statusCode()).isEqualTo(200);

            String probe = "{\"target\":\"" + real.targets().https("/probe") + "\",\"purpose\":\"api\",\"probe\":true}";
            JsonObject wrong = json(server.post(PATH + "/test", probe));
            assertThat(wrong.getString("route")).isEqualTo("proxy");
            assertThat(wrong.getJsonObject("probe").getBoolean("ok")).isFalse();
            assertThat(wrong.getJsonObject("probe").getString("error")).isEqualTo("proxy_auth_required");

            assertThat(server.post(PATH + "/history/1/restore", "").statusCode()).isEqualTo(200);

            int mark = real.proxies().tinyproxyAuth.mark();
            JsonObject restored = json(server.post(PATH + "/test", probe));
            assertThat(restored.getJsonObject("probe").getBoolean("ok")).as(restored.toString()).isTrue();
            assertThat(restored.getJsonObject("probe").getInt("status")).isEqualTo(200);
            assertThat(real.proxies().tinyproxyAuth.since(mark)).contains("CONNECT " + real.targets().ip);
            assertThat(restored.toString()).doesNotContain(RealProxies.PASSWORD);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
