package org.proxyconfig.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.RealProxyFixture;
import org.proxyconfig.bootstrap.RunningServer;

/**
 * "Test before saving" with fallbacks, in headless Chromium against a real tinyproxy: a draft whose
 * first proxy is a closed port and whose fallback is the tinyproxy. The panel lists the proxies in
 * order, and a real request shows the proxy that carried it and the one set aside, with why.
 */
class FallbackDryRunBrowserIT {

    private static final String ADMIN_TOKEN = "fallback-ui-admin-token-5c90";

    @RegisterExtension
    static final Browser browser = new Browser();
    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = new RunningServer(real.dir().resolve("data"), Map.of("PROXY_CONFIG_ADMIN_TOKEN", ADMIN_TOKEN),
                "Bearer " + ADMIN_TOKEN, System.out);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void aRealRequestShowsTheProxyThatCarriedItAndTheOneSetAside() throws Exception {
        String dead = "http://127.0.0.1:" + RealProxies.freePort();
        String alive = "http://127.0.0.1:" + real.proxies().tinyproxyAuth.port;
        browser.openSignedOut("http://127.0.0.1:" + server.server().port() + "/ui/");
        browser.signIn(ADMIN_TOKEN);

        browser.byId("enabled").click();
        browser.type("url", dead);
        browser.type("fallback_urls", alive);
        browser.type("username", RealProxies.USER);
        browser.byId("password").sendKeys(RealProxies.PASSWORD);
        browser.byId("enable_for_api").click();
        browser.type("target", real.targets().http("/fallback-probe").toString());
        new Select(browser.byId("purpose")).selectByValue("api");
        browser.byId("probe").click();
        browser.byId("run-test").click();

        browser.wait.until(d -> browser.byId("test-probe").isDisplayed());
        assertThat(browser.byId("test-proxy").getText()).isEqualTo(dead + ", then " + alive);
        assertThat(browser.byId("test-probe").getText())
                .startsWith("Reached: HTTP 200")
                .contains("Through " + alive)
                .contains("Set aside: " + dead + " (connect_failed)")
                .doesNotContain(RealProxies.PASSWORD);
        assertThat(real.targets().count("/fallback-probe")).isEqualTo(1);
    }
}
