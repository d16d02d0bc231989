package org.proxyconfig.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The settings page in headless Chromium against the packaged jar, signed in as the admin: load,
 * edit and save, errors on their fields, the password never shown, re-entry after a host change,
 * the fallback proxies (one per line, an entry's refusal, a new host's password), a concurrent
 * save, the dry run, history and restore. Each test starts from the same saved configuration, put
 * through the API, so the tests do not depend on their order.
 */
class SettingsPageBrowserIT {

    private static final String SECRET = "S3cret-never-in-the-page-4c1d";
    private static final String BASELINE = """
            {"enabled":true,"type":"http","url":"http://proxy.corp.example:3128","username":"gw",
             "password":"%s","no_proxy":".internal.example,10.0.0.0/8","timeout":20,
             "enable_for_inference":true,"enable_for_api":true}""".formatted(SECRET);

    private static final JarServer server = new JarServer("SettingsPageBrowserIT");

    @RegisterExtension
    static final Browser browser = new Browser();

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @BeforeEach
    void openWithTheBaseline() {
        server.awaitReady();
        server.put(BASELINE);
        browser.driver.get(server.baseUrl() + "/");
        if (browser.byId("sign-in").isDisplayed() || !browser.byId("app").isDisplayed()) {
            browser.signIn(JarServer.ADMIN_TOKEN);
        }
        browser.wait.until(d -> "http://proxy.corp.example:3128".equals(browser.byId("url").getDomProperty("value")));
    }

    @Test
    void signsInAndShowsTheSavedConfiguration() {
        assertThat(value("url")).isEqualTo("http://proxy.corp.example:3128");
        assertThat(value("username")).isEqualTo("gw");
        assertThat(value("timeout")).isEqualTo("20");
        assertThat(new Select(browser.byId("type")).getFirstSelectedOption().getDomProperty("value")).isEqualTo("http");
        assertThat(browser.byId("enabled").isSelected()).isTrue();
        assertThat(browser.byId("enable_for_inference").isSelected()).isTrue();
        assertThat(browser.byId("enable_for_scim").isSelected()).isFalse();
        assertThat(noProxyRules()).containsExactly(".internal.example", "10.0.0.0/8");
        assertThat(browser.byId("password-state").getText()).contains("A password is set");
        assertThat(browser.byId("revision").getText()).matches("Revision \\d+");
        // The token lives in this tab's sessionStorage only.
        assertThat(browser.js("return sessionStorage.getItem('proxy-config.token')")).isEqualTo(JarServer.ADMIN_TOKEN);
        assertThat(browser.js("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.byId("token").getDomProperty("value")).isEmpty();

        browser.screenshot("form", "config-form");
    }

    @Test
    void everyControlHasANameAndTheKeyboardReachesSave() {
        assertThat(browser.unnamedControls("")).as("controls without a label or name").isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("fieldset > legend"))).hasSizeGreaterThanOrEqualTo(5);

        // From the timeout field, Tab moves on through the form in order, and Enter submits it.
        browser.type("timeout", "21");
        WebElement focused = browser.byId("timeout");
        for (int i = 0; i < 40 && !"save".equals(focused.getDomAttribute("id")); i++) {
            focused.sendKeys(Keys.TAB);
            focused = browser.driver.switchTo().activeElement();
        }
        assertThat(focused.getDomAttribute("id")).isEqualTo("save");
        focused.sendKeys(Keys.ENTER);
        browser.awaitText("status", "Saved as revision");
        assertThat(server.config().getInt("timeout")).isEqualTo(21);
    }

    @Test
    void editsAndSavesEveryKindOfField() {
        browser.type("timeout", "45");
        browser.byId("enable_for_scim").click();
        new Select(browser.byId("type")).selectByValue("http");
        browser.byId("ca_cert_pem").clear();
        // Remove 10.0.0.0/8, add a rule with the button and one with Enter.
        removeRule(2);
        browser.byId("no-proxy-add").click();
        browser.driver.switchTo().activeElement().sendKeys("*.svc.example", Keys.ENTER);
        browser.driver.switchTo().activeElement().sendKeys("[::1]:8080");
        assertThat(browser.byId("revision").getText()).endsWith("unsaved changes");

        save();
        browser.awaitText("status", "Saved as revision");

        JsonObject saved = server.config();
        assertThat(saved.getInt("timeout")).isEqualTo(45);
        assertThat(saved.getBoolean("enable_for_scim")).isTrue();
        assertThat(saved.getString("no_proxy")).isEqualTo(".internal.example,*.svc.example,[::1]:8080");
        assertThat(saved.getString("password")).as("the untouched password is kept").isEqualTo("<redacted>");
        assertThat(saved.getString("url")).isEqualTo("http://proxy.corp.example:3128");
        assertThat(browser.byId("revision").getText()).doesNotContain("unsaved");
    }

    @Test
    void showsTheServersRefusalOnTheFieldItNames() {
        // The page has no rules of its own: the server refuses, and the page puts that on the field.
        browser.type("url", "http://proxy.corp.example:99999");
        save();

        browser.awaitText("url-error", "port");
        WebElement url = browser.byId("url");
        assertThat(url.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(url.getDomAttribute("aria-describedby")).contains("url-error");
        assertThat(browser.byId("status").getText()).startsWith("Not saved: url: ");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).as("focus on the field").isEqualTo("url");
        assertThat(server.config().getString("url")).as("nothing changed").isEqualTo("http://proxy.corp.example:3128");
        browser.screenshot("validation-error", "timeout-hint");

        // Typing in the field clears its error.
        url.sendKeys(Keys.BACK_SPACE);
        assertThat(browser.byId("url-error").isDisplayed()).isFalse();
        assertThat(url.getDomAttribute("aria-invalid")).isNull();
    }

    @Test
    void asksTheServerWhenAFieldIsLeftAndShowsItsAnswerOnThatField() {
        int revisionBefore = latestRevision();

        browser.type("url", "ftp://proxy.corp.example:21");
        browser.byId("username").click(); // leaving the field: the server checks the form, nothing is saved
        browser.awaitText("url-error", "scheme 'ftp' is not valid for proxy type http");
        assertThat(browser.byId("url").getDomAttribute("aria-invalid")).isEqualTo("true");

        browser.type("url", "http://proxy.corp.example:3128");
        browser.type("timeout", "4000");
        browser.byId("username").click();
        browser.awaitText("timeout-error", "from 0 to 3600");
        assertThat(browser.byId("url-error").isDisplayed()).as("the server accepts the url now").isFalse();
        assertThat(latestRevision()).as("checking saved nothing").isEqualTo(revisionBefore);

        save();
        browser.awaitText("status", "Not saved: timeout: ");
        assertThat(server.config().getInt("timeout")).isEqualTo(20);
        assertThat(latestRevision()).isEqualTo(revisionBefore);
    }

    @Test
    void neverShowsThePassword() {
        assertThat(value("password")).isEmpty();
        assertPasswordNowhereInThePage(SECRET);

        String newSecret = "N3w-secret-typed-in-the-page-77aa";
        browser.byId("password").sendKeys(newSecret);
        assertThat(browser.byId("password").getDomAttribute("type")).isEqualTo("password");
        save();
        browser.awaitText("status", "Saved as revision");

        assertThat(value("password")).as("emptied after saving").isEmpty();
        assertThat(browser.byId("password-state").getText()).contains("A password is set");
        assertPasswordNowhereInThePage(newSecret);
        assertPasswordNowhereInThePage(SECRET);
        // Expand every revision in the history: they show that a password is set, never which.
        browser.driver.findElements(By.cssSelector("#history-rows details")).forEach(d -> d.findElement(By.tagName("summary")).click());
        assertThat(browser.byId("history-rows").getText()).contains("set (never shown)");
        assertPasswordNowhereInThePage(newSecret);

        // "Clear the stored password" sends an empty password. The status still says the first save's
        // "Saved as revision N" until the second save answers: wait for the next revision's words.
        String firstSave = browser.byId("status").getText();
        browser.byId("clear-password").click();
        assertThat(browser.byId("password-state").getText()).contains("will be removed");
        save();
        awaitSaveAfter(firstSave);
        assertThat(server.config().getString("password")).isEmpty();
        assertThat(browser.byId("password-state").getText()).contains("No password is set");
    }

    @Test
    void requiresThePasswordAgainWhenTheProxyHostChanges() {
        browser.type("url", "http://other-proxy.example:3128");

        assertSaveRefusedWithoutThePasswordAgain();
        assertThat(server.config().getString("url")).as("not saved").isEqualTo("http://proxy.corp.example:3128");

        // Only the port changed: the same proxy party, so the stored password may be kept.
        browser.type("url", "http://proxy.corp.example:8080");
        assertThat(browser.byId("password").getDomProperty("required")).isEqualTo("false");

        // A new host with the password typed again is saved.
        String firstSave = browser.byId("status").getText();
        browser.type("url", "http://other-proxy.example:3128");
        browser.byId("password").sendKeys("re-entered-for-the-new-host");
        save();
        awaitSaveAfter(firstSave);
        assertThat(server.config().getString("url")).isEqualTo("http://other-proxy.example:3128");

        // Changing the type alone also asks again.
        new Select(browser.byId("type")).selectByValue("socks5");
        browser.type("url", "socks5://other-proxy.example:3128");
        browser.awaitText("password-state", "type the password again");
    }

    @Test
    void editsTheFallbackProxiesOnePerLineAndShowsThemAfterAReload() {
        assertThat(value("fallback_urls")).isEmpty();
        assertThat(value("fallback_cooldown")).as("the server's default").isEqualTo("60");

        // Blank lines and the spaces around an entry are left out; new hosts need the password again.
        browser.type("fallback_urls", "http://fallback-a.corp.example:3128\n\n  fallback-b.corp.example:3128  \n");
        browser.awaitText("password-state", "The proxy fallback hosts changed: type the password again");
        browser.byId("password").sendKeys(SECRET);
        browser.type("fallback_cooldown", "120");
        save();
        browser.awaitText("status", "Saved as revision");

        JsonObject saved = server.config();
        assertThat(strings(saved, "fallback_urls"))
                .containsExactly("http://fallback-a.corp.example:3128", "fallback-b.corp.example:3128");
        assertThat(saved.getInt("fallback_cooldown")).isEqualTo(120);

        browser.driver.navigate().refresh();
        browser.wait.until(d -> "120".equals(value("fallback_cooldown")));
        assertThat(value("fallback_urls")).isEqualTo("http://fallback-a.corp.example:3128\nfallback-b.corp.example:3128");

        // Dropping a fallback adds no host: the stored password is kept without asking.
        String firstSave = browser.byId("status").getText();
        browser.type("fallback_urls", "fallback-b.corp.example:3128");
        assertThat(browser.byId("password").getDomProperty("required")).isEqualTo("false");
        assertThat(browser.byId("password-state").getText()).contains("A password is set");
        save();
        awaitSaveAfter(firstSave);
        assertThat(strings(server.config(), "fallback_urls")).containsExactly("fallback-b.corp.example:3128");
        assertThat(server.config().getString("password")).isEqualTo("<redacted>");
    }

    @Test
    void showsTheServersRefusalOfOneFallbackOnTheFallbackField() {
        browser.type("fallback_urls", "http://fallback-a.corp.example:3128\nftp://fallback-b.corp.example:21");
        browser.byId("password").sendKeys(SECRET);
        save();

        browser.awaitText("status", "Not saved: fallback_urls[1]: ");
        WebElement fallbacks = browser.byId("fallback_urls");
        assertThat(browser.byId("fallback_urls-error").getText())
                .startsWith("Entry 2 (ftp://fallback-b.corp.example:21): scheme 'ftp' is not valid for proxy type http");
        assertThat(fallbacks.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(fallbacks.getDomAttribute("aria-describedby")).contains("fallback_urls-error");
        assertThat(browser.driver.switchTo().activeElement()).as("focus on the field").isEqualTo(fallbacks);
        assertThat(server.config().getJsonArray("fallback_urls")).as("nothing saved").isEmpty();

        // Leaving the field asks the server: the main proxy listed again is refused before any save.
        browser.type("fallback_urls", "http://proxy.corp.example:3128");
        assertThat(browser.byId("fallback_urls-error").isDisplayed()).as("typing clears the error").isFalse();
        browser.byId("fallback_cooldown").click();
        browser.awaitText("fallback_urls-error", "Entry 1 (http://proxy.corp.example:3128): is the same proxy as url");
    }

    @Test
    void requiresThePasswordAgainWhenAFallbackAddsAHost() {
        browser.type("fallback_urls", "http://fallback-a.corp.example:3128");
        assertSaveRefusedWithoutThePasswordAgain();
        assertThat(browser.byId("status").getText()).startsWith("Not saved: password: ");
        assertThat(server.config().getJsonArray("fallback_urls")).as("not saved").isEmpty();

        // Another port on the stored proxy's host is no new party: the stored password is kept.
        browser.type("fallback_urls", "http://proxy.corp.example:8080");
        assertThat(browser.byId("password").getDomProperty("required")).isEqualTo("false");
        save();
        browser.awaitText("status", "Saved as revision");
        assertThat(strings(server.config(), "fallback_urls")).containsExactly("http://proxy.corp.example:8080");
        assertThat(server.config().getString("password")).isEqualTo("<redacted>");
    }

    @Test
    void explainsAConcurrentSaveAndOffersToReload() {
        // Someone else saves between our load and our save.
        server.put(BASELINE.replace("\"timeout\":20", "\"timeout\":99"));
        browser.type("timeout", "5");
        save();

        browser.visible("conflict");
        assertThat(browser.byId("conflict").getText()).contains("Someone else saved the configuration");
        assertThat(browser.byId("status").getText()).contains("someone else saved");
        assertThat(server.config().getInt("timeout")).as("our change was refused").isEqualTo(99);

        browser.byId("conflict-reload").click();
        browser.wait.until(d -> "99".equals(value("timeout")));
        browser.awaitHidden("conflict");

        // Now the page holds the new ETag: the same change saves.
        browser.type("timeout", "5");
        save();
        browser.awaitText("status", "Saved as revision");
        assertThat(server.config().getInt("timeout")).isEqualTo(5);
    }

    @Test
    void testsTheUnsavedDraftWithoutSavingIt() {
        browser.type("url", "http://draft-proxy.example:8080");
        browser.byId("password").sendKeys("draft-password");
        browser.type("target", "https://api.openai.com/v1/models");
        new Select(browser.byId("purpose")).selectByValue("inference");
        browser.byId("run-test").click();

        browser.awaitText("test-route", "Through the proxy");
        assertThat(browser.byId("test-proxy").getText()).contains("draft-proxy.example:8080");
        assertThat(browser.byId("test-decided-by").getText()).isNotBlank().isNotEqualTo("—");
        assertThat(browser.byId("status").getText()).contains("would go through the proxy");

        // A bypass rule for the target, added to the draft: now direct.
        browser.byId("no-proxy-add").click();
        browser.driver.switchTo().activeElement().sendKeys("api.openai.com");
        browser.byId("run-test").click();
        browser.awaitText("test-route", "Direct");
        assertThat(browser.byId("test-decided-by").getText()).contains("api.openai.com");

        // With a real request: a loopback target is always direct, and this one answers.
        browser.type("target", server.baseUrl() + "/health");
        new Select(browser.byId("purpose")).selectByValue("api");
        browser.byId("probe").click();
        browser.byId("run-test").click();
        browser.wait.until(d -> browser.byId("test-probe").isDisplayed());
        assertThat(browser.byId("test-probe").getText()).startsWith("Reached: HTTP 200").endsWith(" ms)");
        assertThat(browser.byId("test-route").getText()).isEqualTo("Direct");

        assertThat(server.config().getString("url")).as("the dry run saved nothing").isEqualTo("http://proxy.corp.example:3128");
        browser.type("target", "https://api.openai.com/v1/models");
        new Select(browser.byId("purpose")).selectByValue("inference");
        browser.byId("probe").click();
        removeRule(3);
        browser.byId("run-test").click();
        browser.awaitText("test-route", "Through the proxy");
        browser.screenshot("dry-run", "test-form");
    }

    @Test
    void listsTheHistoryPagesThroughItAndRestoresARevision() {
        for (int timeout = 301; server.history(100).getJsonArray("revisions").size() < 14; timeout++) {
            server.put(BASELINE.replace("\"timeout\":20", "\"timeout\":" + timeout));
        }
        server.put(BASELINE.replace("\"timeout\":20", "\"timeout\":111"));
        int restoreMe = latestRevision();
        server.put(BASELINE.replace("\"timeout\":20", "\"timeout\":222").replace("proxy.corp.example", "proxy2.corp.example"));
        int current = latestRevision();
        browser.driver.navigate().refresh();
        browser.wait.until(d -> "222".equals(value("timeout")));
        // The page loads the history after the form, without waiting for it: wait for the rows too.
        browser.wait.until(d -> historyRows().size() == 10);

        List<WebElement> rows = historyRows();
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).getText()).contains(Integer.toString(current), "in force", "admin-token", "url", "timeout");
        assertThat(rows.get(1).getText()).contains(Integer.toString(restoreMe), "timeout");
        browser.screenshotOf("history", "history-section");
        browser.byId("history-more").click();
        browser.wait.until(d -> historyRows().size() > 10);

        // Cancel first: nothing happens.
        restoreButton(restoreMe).click();
        browser.visible("restore-dialog");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).as("Cancel is the default").isEqualTo("restore-cancel");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.awaitHidden("restore-dialog");
        assertThat(server.config().getInt("timeout")).isEqualTo(222);

        restoreButton(restoreMe).click();
        assertThat(browser.visible("restore-number").getText()).isEqualTo(Integer.toString(restoreMe));
        browser.byId("restore-confirm").click();

        browser.awaitText("status", "Restored");
        browser.wait.until(d -> "111".equals(value("timeout")));
        assertThat(value("url")).isEqualTo("http://proxy.corp.example:3128");
        assertThat(server.config().getInt("timeout")).isEqualTo(111);
        assertThat(latestRevision()).isEqualTo(current + 1);
        browser.wait.until(d -> historyRows().getFirst().getText().contains(Integer.toString(current + 1)));
    }

    // ---- helpers ----

    private static String value(String id) {
        return browser.byId(id).getDomProperty("value");
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString::getString);
    }

    private static void save() {
        browser.byId("save").click();
    }

    /**
     * After an edit that brings a new proxy party: the page asks for the password again, and a
     * save without it is refused by the server (which will not keep the stored password), the page
     * saying so at the password.
     */
    private static void assertSaveRefusedWithoutThePasswordAgain() {
        browser.awaitText("password-state", "type the password again");
        assertThat(browser.byId("password").getDomProperty("required")).isEqualTo("true");
        save();
        browser.awaitText("password-error", "enter the password again");
        assertThat(browser.byId("password").getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    /**
     * Waits for the status of a second save: until it answers, the status still says the first
     * one's "Saved as revision N", so waiting for those words alone would not wait at all.
     */
    private static void awaitSaveAfter(String firstSave) {
        browser.wait.withMessage(() -> "a save's status after '" + firstSave + "'").until(d -> {
            String status = browser.byId("status").getText();
            return status.contains("Saved as revision") && !status.equals(firstSave);
        });
    }

    private static List<String> noProxyRules() {
        return browser.driver.findElements(By.cssSelector("#no-proxy-list input")).stream()
                .map(e -> e.getDomProperty("value")).toList();
    }

    private static void removeRule(int number) {
        browser.driver.findElement(By.cssSelector("button[aria-label='Remove bypass rule " + number + "']")).click();
    }

    private static List<WebElement> historyRows() {
        return browser.driver.findElements(By.cssSelector("#history-rows tr"));
    }

    private static WebElement restoreButton(int revision) {
        return browser.wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label='Restore revision " + revision + "']")));
    }

    private static int latestRevision() {
        return server.history(1).getJsonArray("revisions").getJsonObject(0).getInt("revision");
    }

    /** Neither the DOM, nor any field's value, nor the tab's storage holds the password. */
    private static void assertPasswordNowhereInThePage(String password) {
        assertThat(browser.driver.getPageSource()).doesNotContain(password);
        Object values = browser.js("return [...document.querySelectorAll('input, textarea, select')]"
                + ".map(e => e.value + ' ' + e.placeholder + ' ' + (e.defaultValue ?? '')).join('\\n')");
        assertThat((String) values).doesNotContain(password);
        Object storage = browser.js("return JSON.stringify({...sessionStorage}) + JSON.stringify({...localStorage})");
        assertThat((String) storage).doesNotContain(password);
        assertThat((String) browser.js("return document.body.innerText")).doesNotContain(password);
    }
}
