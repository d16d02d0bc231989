package org.proxyconfig.bootstrap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
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

/**
 * The routes editor in headless Chromium against the packaged jar: add, reorder and save routes
 * (read back through the API), a refusal on the route field it names, a stale page, a route
 * password that never reaches the browser, re-entry after a route proxy's host changes, a route
 * proxy's fallbacks (shown, saved, an entry's refusal, a new host's password), and a viewer who
 * cannot edit. Each test starts from the same main configuration and no routes.
 */
class RoutesEditorBrowserIT {

    private static final String MAIN = """
            {"enabled":true,"type":"http","url":"http://proxy.corp.example:3128","username":"gw",
             "password":"main-secret-3e1","timeout":20,"enable_for_inference":true,"enable_for_api":true}""";
    private static final String ROUTE_SECRET = "R0ute-secret-never-in-the-page-71b";
    private static final String THREE_ROUTES = """
            {"routes":[
              {"match":"a.example","via":"direct"},
              {"match":"b.example","purposes":["scim"],"via":"default"},
              {"match":"c.example","via":{"type":"http","url":"http://second.corp.example:8080","username":"gw2",
                "password":"%s","timeout":10}}]}""".formatted(ROUTE_SECRET);

    private static final JarServer server = new JarServer("RoutesEditorBrowserIT");

    @RegisterExtension
    static final Browser browser = new Browser(true);

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @BeforeEach
    void openWithNoRoutes() {
        server.awaitReady();
        server.put(MAIN);
        server.putRoutes("{\"routes\":[]}");
        signIn(JarServer.ADMIN_TOKEN);
    }

    @Test
    void addsTwoRoutesAndSavesThemInOrderWithThePasswordRedacted() {
        assertThat(browser.byId("routes-empty").isDisplayed()).isTrue();
        browser.byId("routes-add").click();
        field(1, "match").sendKeys(".anthropic.com");
        via(1, "direct");

        browser.byId("routes-add").click();
        field(2, "match").sendKeys("api.openai.com");
        assertThat(route(2).getText()).contains("None ticked: the route applies to every purpose.");
        purpose(2, "inference").click();
        assertThat(route(2).getText()).doesNotContain("None ticked");
        assertThat(field(2, "via.url").isDisplayed()).as("the proxy fields show only for a proxy of its own").isFalse();
        via(2, "own");
        field(2, "via.url").sendKeys("http://second.corp.example:8080");
        field(2, "via.username").sendKeys("gw2");
        field(2, "via.password").sendKeys("typed-route-secret-9");
        field(2, "via.timeout").clear();
        field(2, "via.timeout").sendKeys("12");
        assertThat(browser.byId("routes-revision").getText()).endsWith("unsaved changes");

        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes saved as revision");

        JsonArray routes = server.routes().getJsonArray("routes");
        assertThat(routes).hasSize(2);
        assertThat(routes.getJsonObject(0).getString("match")).isEqualTo(".anthropic.com");
        assertThat(routes.getJsonObject(0).getString("via")).isEqualTo("direct");
        assertThat(routes.getJsonObject(0).getJsonArray("purposes")).as("none ticked: all").hasSize(3);
        JsonObject second = routes.getJsonObject(1);
        assertThat(second.getString("match")).isEqualTo("api.openai.com");
        assertThat(second.getJsonArray("purposes").getString(0)).isEqualTo("inference");
        assertThat(second.getJsonArray("purposes")).hasSize(1);
        JsonObject own = second.getJsonObject("via");
        assertThat(own.getString("url")).isEqualTo("http://second.corp.example:8080");
        assertThat(own.getString("username")).isEqualTo("gw2");
        assertThat(own.getString("password")).isEqualTo("<redacted>");
        assertThat(own.getInt("timeout")).isEqualTo(12);

        // Read back from the server: the password input is empty again and says one is set.
        assertThat(field(2, "via.password").getDomProperty("value")).isEmpty();
        assertThat(route(2).getText()).contains("A password is set");
        assertThat(browser.byId("routes-revision").getText()).doesNotContain("unsaved");
        // The history the page shows lists the routes change at the top.
        browser.wait.until(d -> browser.byId("history-rows").findElements(By.tagName("tr")).getFirst().getText()
                .contains(Integer.toString(latestRevision())));
        assertThat(browser.byId("history-rows").findElements(By.tagName("tr")).getFirst().getText()).contains("routes");
        browser.screenshotOf("routes", "routes-form");

        // The routes save did not make the main form stale: it saves without a conflict.
        browser.type("timeout", "25");
        browser.byId("save").click();
        browser.awaitText("status", "Saved as revision");
        assertThat(server.config().getInt("timeout")).isEqualTo(25);
        assertThat(server.routes().getJsonArray("routes")).as("the main save kept the routes").hasSize(2);
        // Nor did the main save make the routes stale: it carried them over unchanged.
        String mainSave = browser.byId("status").getText();
        button("Remove route 1").click();
        browser.byId("routes-save").click();
        browser.wait.until(d -> browser.byId("status").getText().startsWith("Routes saved as revision"));
        assertThat(server.routes().getJsonArray("routes")).hasSize(1);
        assertThat(mainSave).startsWith("Saved as revision");
    }

    @Test
    void everyRouteControlHasAName() {
        loadRoutes(THREE_ROUTES);
        via(1, "own");
        assertThat(browser.unnamedControls("#routes-form")).as("controls without a label or name").isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#routes-list > li > fieldset > legend")).stream()
                .map(WebElement::getText).toList()).containsExactly("Route 1", "Route 2", "Route 3");
        assertThat(button("Move route 2 up").isEnabled()).isTrue();
    }

    @Test
    void reordersRoutesAndKeepsTheStoredPasswordWhereverItMoves() {
        loadRoutes(THREE_ROUTES);
        assertThat(matches()).containsExactly("a.example", "b.example", "c.example");
        assertThat(button("Move route 1 up").isEnabled()).as("the first cannot move up").isFalse();
        assertThat(button("Move route 3 down").isEnabled()).as("the last cannot move down").isFalse();

        button("Move route 3 up").click(); // a, c, b
        button("Move route 1 down").click(); // c, a, b
        assertThat(matches()).containsExactly("c.example", "a.example", "b.example");
        assertThat(route(1).findElement(By.tagName("legend")).getText()).isEqualTo("Route 1");
        assertThat(route(1).getText()).contains("A password is set");

        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes saved as revision");

        JsonArray routes = server.routes().getJsonArray("routes");
        assertThat(routes.stream().map(r -> r.asJsonObject().getString("match")).toList())
                .containsExactly("c.example", "a.example", "b.example");
        assertThat(routes.getJsonObject(0).getJsonObject("via").getString("password"))
                .as("the stored password was kept, not cleared").isEqualTo("<redacted>");

        // Remove one: the rest keep their order.
        button("Remove route 2").click();
        browser.byId("routes-save").click();
        browser.wait.until(d -> server.routes().getJsonArray("routes").size() == 2);
        assertThat(server.routes().getJsonArray("routes").stream().map(r -> r.asJsonObject().getString("match")).toList())
                .containsExactly("c.example", "b.example");
    }

    @Test
    void showsARefusalNextToTheRouteFieldItNamesAndStoresNothing() {
        loadRoutes(THREE_ROUTES);
        int before = latestRevision();

        // Leaving a changed field asks the server (a validate-only PUT): its answer shows on that field.
        field(2, "match").clear();
        field(2, "match").sendKeys("10.0.0.0/33");
        field(2, "match").sendKeys(Keys.TAB);
        browser.wait.until(d -> error(2, "match").isDisplayed());
        assertThat(field(2, "match").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(latestRevision()).as("checking saved nothing").isEqualTo(before);
        field(2, "match").clear();
        field(2, "match").sendKeys("b.example");
        assertThat(error(2, "match").isDisplayed()).as("typing clears the error").isFalse();

        field(3, "via.url").clear();
        field(3, "via.url").sendKeys("ftp://second.corp.example:21");
        browser.byId("routes-save").click();

        browser.awaitText("status", "Routes not saved: routes[2].via.url: ");
        WebElement url = field(3, "via.url");
        assertThat(error(3, "via.url").getText()).contains("scheme 'ftp' is not valid").doesNotStartWith("routes[2]");
        assertThat(url.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(url.getDomAttribute("aria-describedby")).contains(error(3, "via.url").getDomAttribute("id"));
        assertThat(browser.driver.switchTo().activeElement()).as("focus on the field").isEqualTo(url);
        assertThat(error(1, "via.url").isDisplayed()).isFalse();
        assertThat(latestRevision()).as("nothing stored").isEqualTo(before);
        assertThat(server.routes().getJsonArray("routes").getJsonObject(2).getJsonObject("via").getString("url"))
                .isEqualTo("http://second.corp.example:8080");
    }

    @Test
    void explainsAConcurrentSaveAndOffersToReload() {
        loadRoutes(THREE_ROUTES);
        // Someone else saves (the main object: the one revision moves for both) after the page loaded.
        server.put(MAIN.replace("\"timeout\":20", "\"timeout\":99"));
        button("Remove route 1").click();
        browser.byId("routes-save").click();

        browser.visible("conflict");
        assertThat(browser.byId("status").getText()).contains("Routes not saved").contains("someone else saved");
        assertThat(server.routes().getJsonArray("routes")).as("our change was refused").hasSize(3);

        browser.byId("conflict-reload").click();
        browser.awaitHidden("conflict");
        browser.wait.until(d -> matches().size() == 3);
        button("Remove route 1").click();
        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes saved as revision");
        assertThat(server.routes().getJsonArray("routes")).hasSize(2);
    }

    @Test
    void theRoutePasswordNeverReachesTheBrowser() {
        server.putRoutes(THREE_ROUTES);
        browser.forgetNetwork(); // the sign-in's responses, from before the routes existed
        browser.driver.navigate().refresh();
        browser.wait.until(d -> matches().size() == 3);
        browser.wait.until(d -> !browser.byId("history-rows").findElements(By.tagName("tr")).isEmpty());

        List<String> bodies = browser.apiResponseBodies();
        assertThat(bodies).as("the page's GET of the routes was recorded")
                .anySatisfy(body -> assertThat(body).contains("c.example").contains("<redacted>"));
        assertThat(bodies).noneSatisfy(body -> assertThat(body).contains(ROUTE_SECRET));
        assertThat(browser.driver.getPageSource()).doesNotContain(ROUTE_SECRET);
        Object values = browser.js("return [...document.querySelectorAll('input, textarea, select')]"
                + ".map(e => e.value + ' ' + e.placeholder).join('\\n')");
        assertThat((String) values).doesNotContain(ROUTE_SECRET).doesNotContain("<redacted>");
        assertThat(field(3, "via.password").getDomAttribute("type")).isEqualTo("password");
        assertThat(route(3).getText()).contains("A password is set");
    }

    @Test
    void requiresTheRoutePasswordAgainWhenItsProxyHostOrUserChanges() {
        loadRoutes(THREE_ROUTES);
        field(3, "via.url").clear();
        field(3, "via.url").sendKeys("http://third.corp.example:8080");
        assertThat(route(3).getText()).contains("The proxy host changed: type the password again");
        assertThat(field(3, "via.password").getDomProperty("required")).isEqualTo("true");

        browser.byId("routes-save").click();
        browser.wait.until(d -> error(3, "via.password").isDisplayed());
        assertThat(field(3, "via.password").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(server.routes().getJsonArray("routes").getJsonObject(2).getJsonObject("via").getString("url"))
                .as("not saved").isEqualTo("http://second.corp.example:8080");

        // Back to the same host, another user: asked again too (the server compares type, host and user).
        field(3, "via.url").clear();
        field(3, "via.url").sendKeys("http://second.corp.example:9090");
        assertThat(field(3, "via.password").getDomProperty("required")).as("only the port changed").isEqualTo("false");
        field(3, "via.username").sendKeys("-other");
        assertThat(route(3).getText()).contains("The proxy username changed");

        field(3, "via.password").sendKeys("re-entered-for-the-new-user");
        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes saved as revision");
        assertThat(server.routes().getJsonArray("routes").getJsonObject(2).getJsonObject("via").getString("username"))
                .isEqualTo("gw2-other");
    }

    @Test
    void showsAndSavesTheFallbacksOfRouteProxies() {
        loadRoutes("""
                {"routes":[{"match":"c.example","via":{"type":"http","url":"http://second.corp.example:8080",
                  "username":"gw2","password":"%s","fallback_urls":["http://second-b.corp.example:8080"],
                  "fallback_cooldown":30}}]}""".formatted(ROUTE_SECRET));
        assertThat(field(1, "via.fallback_urls").getDomProperty("value")).isEqualTo("http://second-b.corp.example:8080");
        assertThat(field(1, "via.fallback_cooldown").getDomProperty("value")).isEqualTo("30");

        // The stored fallback first, the url's host after it: no new host, so the stored password is kept.
        field(1, "via.fallback_urls").clear();
        field(1, "via.fallback_urls").sendKeys("http://second-b.corp.example:8080\nhttp://second.corp.example:9090");
        assertThat(field(1, "via.password").getDomProperty("required")).isEqualTo("false");
        field(1, "via.fallback_cooldown").clear();
        field(1, "via.fallback_cooldown").sendKeys("45");

        // A new route with a proxy of its own, fallbacks one per line and the cool-down left to the server.
        browser.byId("routes-add").click();
        field(2, "match").sendKeys("d.example");
        via(2, "own");
        field(2, "via.url").sendKeys("http://third.corp.example:8080");
        field(2, "via.fallback_urls").sendKeys("http://third-b.corp.example:8080\n\n  http://third-c.corp.example:8080 ");
        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes saved as revision");

        JsonArray routes = server.routes().getJsonArray("routes");
        JsonObject first = routes.getJsonObject(0).getJsonObject("via");
        assertThat(strings(first, "fallback_urls"))
                .containsExactly("http://second-b.corp.example:8080", "http://second.corp.example:9090");
        assertThat(first.getInt("fallback_cooldown")).isEqualTo(45);
        assertThat(first.getString("password")).as("the stored password was kept").isEqualTo("<redacted>");
        JsonObject second = routes.getJsonObject(1).getJsonObject("via");
        assertThat(strings(second, "fallback_urls"))
                .containsExactly("http://third-b.corp.example:8080", "http://third-c.corp.example:8080");
        assertThat(second.getInt("fallback_cooldown")).as("the server's default").isEqualTo(60);

        // Shown as read back from the server.
        assertThat(field(2, "via.fallback_urls").getDomProperty("value"))
                .isEqualTo("http://third-b.corp.example:8080\nhttp://third-c.corp.example:8080");
        assertThat(field(2, "via.fallback_cooldown").getDomProperty("value")).isEqualTo("60");
    }

    @Test
    void asksTheRoutePasswordForANewFallbackHostAndShowsAFallbacksRefusalAtItsRoute() {
        loadRoutes(THREE_ROUTES);
        field(3, "via.fallback_urls").sendKeys("http://third.corp.example:8080");
        assertThat(route(3).getText()).contains("The proxy fallback hosts changed: type the password again");
        assertThat(field(3, "via.password").getDomProperty("required")).isEqualTo("true");

        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes not saved: routes[2].via.password: ");
        assertThat(error(3, "via.password").getText()).contains("enter the password");
        assertThat(field(3, "via.password").getDomAttribute("aria-invalid")).isEqualTo("true");

        // With the password typed again, the server judges the list: the url listed again is refused.
        field(3, "via.password").sendKeys("re-entered-for-the-new-fallback");
        field(3, "via.fallback_urls").sendKeys("\nhttp://second.corp.example:8080");
        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes not saved: routes[2].via.fallback_urls[1]: ");
        WebElement fallbacks = field(3, "via.fallback_urls");
        assertThat(error(3, "via.fallback_urls").getText())
                .isEqualTo("Entry 2 (http://second.corp.example:8080): is the same proxy as url; list each proxy once");
        assertThat(fallbacks.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(fallbacks.getDomAttribute("aria-describedby")).contains(error(3, "via.fallback_urls").getDomAttribute("id"));
        assertThat(browser.driver.switchTo().activeElement()).as("focus on the field").isEqualTo(fallbacks);
        assertThat(server.routes().getJsonArray("routes").getJsonObject(2).getJsonObject("via").getJsonArray("fallback_urls"))
                .as("nothing stored").isEmpty();

        fallbacks.clear();
        fallbacks.sendKeys("http://third.corp.example:8080");
        browser.byId("routes-save").click();
        browser.awaitText("status", "Routes saved as revision");
        assertThat(strings(server.routes().getJsonArray("routes").getJsonObject(2).getJsonObject("via"), "fallback_urls"))
                .containsExactly("http://third.corp.example:8080");
    }

    @Test
    void aViewerSeesTheRoutesAndCannotEditThem() {
        server.putRoutes(THREE_ROUTES);
        browser.byId("sign-out").click();
        signIn(JarServer.VIEWER_TOKEN);
        browser.wait.until(d -> matches().size() == 3);

        assertThat(matches()).containsExactly("a.example", "b.example", "c.example");
        Object enabled = browser.js("return [...document.querySelectorAll('#routes-form input, #routes-form select,"
                + " #routes-form textarea, #routes-form button')].filter(e => !e.disabled).map(e => e.id || e.textContent)");
        assertThat((List<?>) enabled).as("controls a viewer could use").isEmpty();
        assertThat(route(3).findElements(By.cssSelector("button.link")).stream().filter(WebElement::isDisplayed).toList())
                .as("no password actions").isEmpty();
    }

    // ---- helpers ----

    /** Signs in from a fresh tab and waits until the page has shown the routes too. */
    private static void signIn(String token) {
        browser.openSignedOut(server.baseUrl() + "/");
        browser.signIn(token);
        browser.awaitText("status", "Signed in.");
    }

    /** Routes stored behind the page's back, then shown by reloading it. */
    private static void loadRoutes(String json) {
        server.putRoutes(json);
        browser.driver.navigate().refresh();
        int count = server.routes().getJsonArray("routes").size();
        browser.wait.until(d -> matches().size() == count
                && browser.byId("routes-revision").getText().equals("Revision " + latestRevision()));
    }

    private static WebElement route(int number) {
        return browser.driver.findElement(By.cssSelector("#routes-list > li:nth-child(" + number + ")"));
    }

    private static WebElement field(int number, String path) {
        return route(number).findElement(By.cssSelector("[data-field='" + path + "']"));
    }

    private static WebElement error(int number, String path) {
        return route(number).findElement(By.cssSelector("[data-error-for='" + path + "']"));
    }

    private static WebElement purpose(int number, String purpose) {
        return route(number).findElement(By.cssSelector("input[data-purpose='" + purpose + "']"));
    }

    private static void via(int number, String choice) {
        route(number).findElement(By.cssSelector("input[type=radio][value='" + choice + "']")).click();
    }

    private static WebElement button(String label) {
        return browser.driver.findElement(By.cssSelector("#routes-list button[aria-label='" + label + "']"));
    }

    private static List<String> matches() {
        return browser.driver.findElements(By.cssSelector("#routes-list [data-field='match']")).stream()
                .map(e -> e.getDomProperty("value")).toList();
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString::getString);
    }

    private static int latestRevision() {
        return server.history(1).getJsonArray("revisions").getJsonObject(0).getInt("revision");
    }
}
