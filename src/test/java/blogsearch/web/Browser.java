package blogsearch.web;

import blogsearch.Prerequisite;
import blogsearch.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (never Selenium Manager, which would go
 * looking on the internet). Test classes that need it carry {@code @ExtendWith(Browser.Installed.class)}: when
 * either program is missing their tests are skipped, saying what to install, or fail where the browser is
 * required. The paths can be overridden with -Dblogsearch.chromium and -Dblogsearch.chromedriver.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("blogsearch.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("blogsearch.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 900;

    /**
     * Selenium warns, on every start, that its CDP bindings are older than the browser; only the raw
     * commands of {@link ChromeDriver#executeCdpCommand} are used here, so the warning says nothing useful.
     */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The condition of tests that need the browser: a {@link Prerequisite} named {@code browser}. */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            List<String> absent = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p))
                    .map(Path::toString).toList();
            return Prerequisite.evaluate(context, "browser", absent.isEmpty() ? Optional.empty()
                    : Optional.of("no " + String.join(" and no ", absent)
                            + " (on Debian: apt-get install chromium chromium-driver)"));
        }
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A fresh browser with an empty profile. */
    static Browser start() {
        if (!installed()) {
            throw new IllegalStateException("no " + CHROMIUM + " or " + CHROMEDRIVER);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("blogsearch-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-extensions", "--disable-default-apps", "--lang=en-US",
                // Nothing but 127.0.0.1 resolves, so a link followed by mistake cannot leave the machine.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
            return new Browser(driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    /** Waits up to {@link #PATIENCE} for {@code condition} to be true (or non-null), then returns its value. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).until(condition);
    }

    @SuppressWarnings("unchecked")
    <T> T script(String js, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs {@code js} as an asynchronous script: it ends by calling its last argument with the result. */
    @SuppressWarnings("unchecked")
    <T> T asyncScript(String js, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /**
     * From the next page load on, the page's fetch() calls to addresses containing {@code part} are sent
     * {@code millis} later, as over a slow link; {@link #forget} undoes it.
     */
    String delayFetches(String part, int millis) {
        String js = """
                const fetchNow = window.fetch.bind(window);
                window.fetch = (resource, options) => String(resource?.url ?? resource).includes(%s)
                    ? new Promise((resolve) => setTimeout(resolve, %d)).then(() => fetchNow(resource, options))
                    : fetchNow(resource, options);
                """.formatted(new Json().toJson(part), millis);
        Map<String, Object> added = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", js));
        return (String) added.get("identifier");
    }

    /** Stops running a script that {@link #delayFetches} added to every new page. */
    void forget(String identifier) {
        driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }

    /** Light or dark, as if the system preferred it; and no animations, so screenshots show where things end up. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(
                Map.of("name", "prefers-color-scheme", "value", scheme),
                Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    }

    /** A phone-sized viewport (a mobile one, honouring the page's viewport meta tag). */
    void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** The address of the current history entry, even when its page failed to load (where getCurrentUrl does not tell). */
    String currentHistoryUrl() {
        Map<String, Object> history = driver.executeCdpCommand("Page.getNavigationHistory", Map.of());
        int current = ((Number) history.get("currentIndex")).intValue();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) history.get("entries");
        return String.valueOf(entries.get(current).get("url"));
    }

    /** Saves the whole page, not only the viewport, as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        return screenshot(name, true);
    }

    /** Saves the page as target/screenshots/{name}.png: all of it, or what the viewport shows. */
    Path screenshot(String name, boolean wholePage) {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", wholePage));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's console errors since the last call (failed requests, script errors, CSP violations). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Closes each of them that was started, all of them even if one fails; the first failure is thrown. */
    static void closeAll(AutoCloseable... things) {
        RuntimeException failure = null;
        for (AutoCloseable c : things) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            TestFiles.delete(dir);
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is not worth failing a test for
        }
    }
}
