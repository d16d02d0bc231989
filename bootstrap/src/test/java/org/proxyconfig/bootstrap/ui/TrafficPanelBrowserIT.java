package org.proxyconfig.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.proxyconfig.adapters.egress.EgressException;
import org.proxyconfig.adapters.egress.OutboundHttpClient;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.RealProxyFixture;
import org.proxyconfig.bootstrap.RunningServer;
import org.proxyconfig.domain.EgressFailure;

/**
 * The traffic panel in headless Chromium, signed in as a viewer, over real traffic: the gateway's
 * outbound clients send through a real tinyproxy (Basic auth), once direct by {@code no_proxy},
 * and once with a wrong proxy password, which tinyproxy refuses with 407. The panel shows exactly
 * those counts, the failure's kind and host, and a chart with drawn lines; it follows new traffic
 * on its own, stops asking when the tab is hidden or the viewer signs out, and neither it nor
 * {@code /api/traffic} ever holds the proxy password.
 *
 * <p>The server is the production wiring in this JVM ({@link RunningServer}, what the jar's
 * {@code Main} starts), not the packaged jar as a process: the outbound clients are an embedding
 * API with no HTTP route of their own, so only in-process can a test send real outbound traffic
 * through the very server the page reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the exact counts first, then more traffic
class TrafficPanelBrowserIT {

    private static final String ADMIN_TOKEN = "traffic-ui-admin-token-8e21";
    private static final String VIEWER_TOKEN = "traffic-ui-viewer-token-3fa7";
    private static final String WRONG_PASSWORD = "Wr0ng-proxy-pass-77b2";

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    private static RunningServer server;
    private static OutboundHttpClient inference;

    @BeforeAll
    static void startWithRealTraffic() throws Exception {
        server = new RunningServer(real.dir().resolve("data"), Map.of("PROXY_CONFIG_ADMIN_TOKEN", ADMIN_TOKEN,
                "PROXY_CONFIG_VIEWER_TOKEN", VIEWER_TOKEN), "Bearer " + ADMIN_TOKEN,
                System.out);
        inference = server.server().outboundClients().inference();
        countPendingTimers();

        put(RealProxies.PASSWORD);
        int mark = real.proxies().tinyproxyAuth.mark();
        assertThat(inference.get(real.targets().https("/through-the-proxy")).status()).isEqualTo(200);
        assertThat(inference.get(real.targets().named("/direct-by-no-proxy")).status()).isEqualTo(200);
        assertThat(real.proxies().tinyproxyAuth.since(mark)).contains("CONNECT " + real.targets().ip).doesNotContain("direct-by-no-proxy");

        put(WRONG_PASSWORD);
        assertThatThrownBy(() -> inference.get(real.targets().https("/refused-by-the-proxy")))
                .isInstanceOfSatisfying(EgressException.class, e -> assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_AUTH_REQUIRED));
        put(RealProxies.PASSWORD);
    }

    /** The authenticating tinyproxy for inference, the test targets' host name exempt by no_proxy. */
    private static void put(String password) {
        String body = "{\"enabled\":true,\"type\":\"http\",\"url\":\"http://127.0.0.1:" + real.proxies().tinyproxyAuth.port
                + "\",\"username\":\"" + RealProxies.USER + "\",\"password\":\"" + password + "\",\"no_proxy\":\""
                + real.targets().hostName + "\",\"enable_for_inference\":true,\"ca_cert_pem\":\""
                + real.pki().certificatePem.replace("\r", "").replace("\n", "\\n") + "\"}";
        HttpResponse<String> answer = server.send(server.request("/api/proxy-config")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void aViewerSeesTheTrafficByPurposeTheFailureAtTheProxyAndTheChart() {
        signInAsViewer();

        browser.wait.until(d -> !browser.driver.findElements(By.id("traffic-inference")).isEmpty());
        assertThat(text("traffic-inference-proxy")).as("the refused request was routed through the proxy too").isEqualTo("2");
        assertThat(text("traffic-inference-direct")).isEqualTo("1 (no_proxy 1)");
        assertThat(browser.driver.findElements(By.cssSelector("#traffic-inference-failures .failure-chip")))
                .extracting(chip -> chip.getText()).containsExactly("proxy_auth_required 1");
        assertThat(browser.byId("traffic-inference-last").findElement(By.className("traffic-kind")).getText())
                .isEqualTo("proxy_auth_required");
        assertThat(browser.byId("traffic-inference-last").findElement(By.className("traffic-host")).getText())
                .isEqualTo(real.targets().ip);
        String failedAt = browser.byId("traffic-inference-last").findElement(By.tagName("time")).getDomProperty("dateTime");
        assertThat(failedAt).isEqualTo(traffic("inference").getJsonObject("last_proxy_failure").getString("at"));
        for (String purpose : List.of("scim", "api")) {
            assertThat(text("traffic-" + purpose + "-proxy")).isEqualTo("0");
            assertThat(text("traffic-" + purpose + "-direct")).isEqualTo("0");
            assertThat(text("traffic-" + purpose + "-last")).isEqualTo("none");
        }

        // 90 points per line, one per 10 s; each line rises above its baseline (a quarter of an hour
        // ago, before the server started) where the traffic was, which may span two buckets.
        @SuppressWarnings("unchecked")
        List<Number> rise = (List<Number>) browser.js("""
                return ['proxy', 'direct', 'failed'].map(s => {
                  const points = [...document.querySelector('#traffic-inference-chart polyline.' + s).points];
                  if (points.length !== 90) return -1;
                  return points[0].y - Math.min(...points.map(p => p.y));
                });""");
        assertThat(rise).allSatisfy(r -> assertThat(r.doubleValue()).isGreaterThan(10));
        @SuppressWarnings("unchecked")
        List<Number> flat = (List<Number>) browser.js("""
                const points = [...document.querySelector('#traffic-scim-chart polyline.proxy').points];
                return [points.length, Math.max(...points.map(p => p.y)) - Math.min(...points.map(p => p.y))];""");
        assertThat(flat).containsExactly(90L, 0L);
        assertThat(browser.byId("traffic-inference-chart").getDomAttribute("aria-label"))
                .contains("last 15 minutes: 2 through the proxy, 1 direct, 1 failed");

        browser.screenshotOf("traffic", "traffic-section");

        assertThat(browser.driver.getPageSource()).doesNotContain(RealProxies.PASSWORD).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    @Order(2)
    void thePanelFollowsNewTrafficOnItsOwnAndStopsAskingWhenHiddenOrSignedOut() throws Exception {
        signInAsViewer();
        browser.wait.until(d -> !browser.driver.findElements(By.id("traffic-api-proxy")).isEmpty());
        String before = text("traffic-inference-proxy");

        assertThat(inference.get(real.targets().https("/one-more")).status()).isEqualTo(200);

        // No click: the next poll (every 5 s) shows it.
        String after = String.valueOf(Integer.parseInt(before) + 1);
        browser.wait.withMessage(() -> "the panel to show " + after + " through the proxy")
                .until(d -> after.equals(text("traffic-inference-proxy")));
        assertThat(pendingTimers()).as("the next poll is scheduled").isEqualTo(1L);

        browser.js("Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                + "document.dispatchEvent(new Event('visibilitychange'))");
        assertThat(pendingTimers()).as("no poll scheduled while hidden").isZero();
        browser.js("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                + "document.dispatchEvent(new Event('visibilitychange'))");
        browser.wait.until(d -> pendingTimers() == 1L);

        browser.byId("sign-out").click();
        browser.visible("sign-in");
        assertThat(pendingTimers()).as("no poll scheduled once signed out").isZero();
        assertThat(browser.driver.findElements(By.cssSelector("#traffic-purposes > *"))).isEmpty();
    }

    @Test
    @Order(3)
    void theTrafficJsonHoldsTheHostButNeverTheProxysPasswordOrAddress() {
        HttpResponse<String> answer = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.server().port() + "/api/traffic"))
                .header("Authorization", "Bearer " + VIEWER_TOKEN).GET().build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(real.targets().ip).doesNotContain(RealProxies.PASSWORD).doesNotContain(WRONG_PASSWORD)
                .doesNotContain(RealProxies.USER).doesNotContain(":" + real.proxies().tinyproxyAuth.port)
                .doesNotContain(VIEWER_TOKEN).doesNotContain("refused-by-the-proxy");
    }

    /**
     * Makes every page count its pending timers (it has none but the panel's next poll) from before
     * its own scripts run; a DevTools script, so the page's policy does not apply to it.
     */
    private static void countPendingTimers() {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const pending = new Set();
                  const set = window.setTimeout, clear = window.clearTimeout;
                  window.setTimeout = (f, ms, ...args) => {
                    const id = set(() => { pending.delete(id); f(...args); }, ms);
                    pending.add(id);
                    return id;
                  };
                  window.clearTimeout = (id) => { pending.delete(id); clear(id); };
                  window.pendingTimers = () => pending.size;
                })();"""));
    }

    private static void signInAsViewer() {
        browser.openSignedOut("http://127.0.0.1:" + server.server().port() + "/ui/");
        browser.signIn(VIEWER_TOKEN);
        browser.visible("role-note");
    }

    private static long pendingTimers() {
        return ((Number) browser.js("return window.pendingTimers()")).longValue();
    }

    private static String text(String id) {
        return browser.byId(id).getText();
    }

    private static JsonObject traffic(String purpose) {
        HttpResponse<String> answer = server.send(server.request("/api/traffic").GET().build());
        return JarServer.json(answer.body()).getJsonArray("purposes").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("purpose").equals(purpose)).findFirst().orElseThrow();
    }
}
