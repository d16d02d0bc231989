package org.proxyconfig.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;

/**
 * The page's session in headless Chromium against the packaged jar: sign-in, a refused token,
 * sign-out, a token that stops working, the page at both addresses, and a viewer, who sees
 * everything and can change nothing.
 */
class SignInAndViewerBrowserIT {

    private static final JarServer server = new JarServer("SignInAndViewerBrowserIT");

    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void saveAConfiguration() {
        server.awaitReady();
        server.put("""
                {"enabled":true,"type":"socks5","url":"socks5h://10.0.0.5:1080","username":"gw","password":"viewer-must-not-see-9e2",
                 "no_proxy":"localhost,.internal.example","timeout":15,"enable_for_scim":true}""");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @BeforeEach
    void startSignedOut() {
        browser.openSignedOut(server.baseUrl() + "/ui/");
        browser.visible("sign-in");
    }

    @Test
    void showsOnlyTheSignInUntilATokenIsAccepted() {
        assertThat(browser.byId("app").isDisplayed()).isFalse();
        assertThat(browser.byId("session").isDisplayed()).isFalse();
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("token");
        browser.screenshot("signed-out", "sign-in");

        browser.byId("token").sendKeys("not-a-valid-token", Keys.ENTER);

        browser.awaitText("token-error", "not accepted");
        assertThat(browser.byId("token").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.byId("app").isDisplayed()).isFalse();
        assertThat(browser.js("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void servesTheSamePageAtTheRoot() {
        browser.driver.get(server.baseUrl() + "/");
        browser.visible("sign-in");
        browser.signIn(JarServer.ADMIN_TOKEN);
        browser.wait.until(d -> "socks5h://10.0.0.5:1080".equals(browser.byId("url").getDomProperty("value")));
    }

    @Test
    void signingOutForgetsTheTokenAndTheConfiguration() {
        signIn(JarServer.ADMIN_TOKEN);

        browser.byId("sign-out").click();

        browser.visible("sign-in");
        browser.awaitText("status", "Signed out");
        assertThat(browser.js("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.byId("url").getDomProperty("value")).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#history-rows tr"))).isEmpty();
        browser.driver.navigate().refresh();
        browser.visible("sign-in");
    }

    @Test
    void aTokenThatStopsWorkingReturnsToSignIn() {
        signIn(JarServer.ADMIN_TOKEN);
        browser.js("sessionStorage.setItem('proxy-config.token', 'revoked-token')");

        browser.byId("reload").click();

        browser.visible("sign-in");
        browser.awaitText("status", "Sign in again");
        assertThat(browser.js("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void aViewerSeesTheConfigurationReadOnlyFromTheStart() {
        signIn(JarServer.VIEWER_TOKEN);
        assertThat(browser.byId("type").getDomProperty("value")).isEqualTo("socks5");
        assertThat(browser.byId("enable_for_scim").isSelected()).isTrue();
        assertThat(browser.byId("password-state").getText()).contains("A password is set");
        assertThat(browser.driver.getPageSource()).doesNotContain("viewer-must-not-see-9e2");
        assertThat(browser.driver.findElements(By.cssSelector("#history-rows tr"))).hasSize(1);

        // /api/whoami said "viewer": nothing can be changed, before any attempt to save.
        browser.visible("role-note");
        for (String id : List.of("url", "type", "timeout", "username", "password", "enabled", "save", "run-test", "no-proxy-add")) {
            assertThat(browser.byId(id).isEnabled()).as(id + " is disabled").isFalse();
        }
        assertThat(server.config().getInt("timeout")).isEqualTo(15);

        // Read-only survives a reload of the tab; history restore is unavailable too.
        browser.driver.navigate().refresh();
        browser.wait.until(d -> "15".equals(browser.byId("timeout").getDomProperty("value")));
        assertThat(browser.byId("url").isEnabled()).isFalse();
        assertThat(browser.byId("role-note").isDisplayed()).isTrue();
        for (WebElement restore : browser.driver.findElements(By.cssSelector("#history-rows .restore"))) {
            assertThat(restore.isEnabled()).isFalse();
        }
    }

    @Test
    void theBrowserEnforcesThePagesContentSecurityPolicy() {
        Object ran = browser.js("const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                + " document.body.append(s); return window.injected === 1;");

        assertThat(ran).as("an injected inline script does not run").isEqualTo(false);
        // The violation is on the console, where Browser looks after every test: take it away.
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll())
                .anySatisfy(entry -> assertThat(entry.getMessage()).contains("Content Security Policy"));
    }

    private static void signIn(String token) {
        browser.signIn(token);
        browser.wait.until(d -> !browser.byId("revision").getText().isEmpty());
        browser.wait.until(d -> !browser.driver.findElements(By.cssSelector("#history-rows tr")).isEmpty());
    }
}
