package org.proxyconfig.bootstrap.ui;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through Debian's own {@code chromedriver}:
 * Selenium is given both binaries, so Selenium Manager never runs and nothing is downloaded.
 * Registered as an extension, it fails a test whose page broke its Content-Security-Policy or
 * threw an uncaught error, quits after the class, and keeps a screenshot and the page source of
 * every failed test under {@code target/browser-failures/}.
 */
final class Browser implements AfterEachCallback, AfterAllCallback, TestWatcher {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    Browser() {
        this(false);
    }

    /**
     * With {@code recordNetwork}, Chromium's network events are kept (its performance log), so a
     * test can read the bodies of the API responses the page received: {@link #apiResponseBodies()}.
     */
    Browser(boolean recordNetwork) {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: apt-get install -y chromium chromium-driver");
            }
        }
        // Belt and braces: even a code path that looks the driver up finds the system one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("proxy-config-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=en-US", "--force-device-scale-factor=1", "--hide-scrollbars",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        // The console, to catch CSP violations and script errors that leave no trace in the DOM.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        if (recordNetwork) logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void awaitText(String id, String text) {
        wait.withMessage(() -> "#" + id + " to contain '" + text + "' but it says '" + byId(id).getText() + "'")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    void awaitHidden(String id) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * The visible controls within {@code scope} (a CSS selector; {@code ""} for the whole page) that a
     * screen reader could not name: no label and no {@code aria-label}, or a button with neither text
     * nor {@code aria-label}. Each by its id, or its HTML when it has none.
     */
    List<?> unnamedControls(String scope) {
        String controls = Stream.of("input", "select", "textarea", "button")
                .map(tag -> (scope + " " + tag).strip()).collect(Collectors.joining(", "));
        return (List<?>) js("""
                return [...document.querySelectorAll(arguments[0])]
                  .filter(e => e.offsetParent !== null)
                  .filter(e => e.labels?.length === 0 || e.tagName === 'BUTTON')
                  .filter(e => !(e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim())))
                  .map(e => e.id || e.outerHTML)""", controls);
    }

    /** Drops the network events recorded so far (the bodies of a previous page are gone with it). */
    void forgetNetwork() {
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    /**
     * The body of every {@code /api/} response the page received since the last call or
     * {@link #forgetNetwork()}, read from
     * Chromium itself (DevTools' Network domain), not from the page's own script: what reached the
     * browser, whatever the page did with it.
     */
    List<String> apiResponseBodies() {
        List<JsonObject> events = driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(entry -> JarServer.json(entry.getMessage()).getJsonObject("message")).toList();
        // Only responses whose body has arrived: a traffic poll still under way has none to read yet.
        Set<String> finished = events.stream()
                .filter(event -> "Network.loadingFinished".equals(event.getString("method", "")))
                .map(event -> event.getJsonObject("params").getString("requestId"))
                .collect(Collectors.toSet());
        return events.stream()
                .filter(event -> "Network.responseReceived".equals(event.getString("method", "")))
                .map(event -> event.getJsonObject("params"))
                .filter(params -> params.getJsonObject("response").getString("url").contains("/api/"))
                .filter(params -> finished.contains(params.getString("requestId")))
                .map(params -> (String) driver.executeCdpCommand("Network.getResponseBody",
                        Map.of("requestId", params.getString("requestId"))).get("body"))
                .toList();
    }

    /** Opens {@code url} as a new tab would: no token kept from an earlier test, so the sign-in shows. */
    void openSignedOut(String url) {
        driver.get(url);
        js("sessionStorage.clear()");
        driver.navigate().refresh();
    }

    /** Signs in on the sign-in form with {@code token} and waits for the settings to show. */
    void signIn(String token) {
        visible("token").sendKeys(token, Keys.ENTER);
        visible("app");
    }

    /** Replaces a text field's content as a person would: select all, type. */
    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * A picture of the page from its top down to the bottom of element {@code untilId}, as
     * {@code target/screenshots/<name>.png}, and also into the folder named by the system
     * property {@code screenshots.dir} when set (the pictures under {@code docs/screenshots} are
     * refreshed with {@code -Dscreenshots.dir=../docs/screenshots}).
     */
    void screenshot(String name, String untilId) {
        js("window.scrollTo(0, 0)");
        long bottom = ((Number) js("return Math.ceil(arguments[0].getBoundingClientRect().bottom + window.scrollY)",
                byId(untilId))).longValue();
        long chrome = ((Number) js("return window.outerHeight - window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) (Math.max(bottom + 24, 560) + chrome)));
        try {
            js("window.scrollTo(0, 0)");
            keep(name, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    /** A picture of one element only, laid out in a window tall enough to hold all of it. */
    void screenshotOf(String name, String id) {
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 200, 6000)));
        try {
            keep(name, byId(id).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    private static void keep(String name, byte[] png) {
        write(Path.of("target", "screenshots"), name + ".png", png);
        Optional.ofNullable(System.getProperty("screenshots.dir")).filter(dir -> !dir.isBlank())
                .ifPresent(dir -> write(Path.of(dir), name + ".png", png));
    }

    /**
     * Fails the test when the console shows a policy violation or an uncaught error. Refused API
     * calls (401, 400, 412…) are logged by Chromium too; they are expected here and ignored.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Uncaught")
                        || message.contains("SyntaxError") || message.contains("TypeError"))
                .toList();
        if (!problems.isEmpty()) throw new AssertionError("the page logged errors:\n" + String.join("\n", problems));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Path dir = Path.of("target", "browser-failures");
            write(dir, name + ".png", driver.getScreenshotAs(OutputType.BYTES));
            write(dir, name + ".html", driver.getPageSource().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }

    private static void write(Path dir, String file, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
