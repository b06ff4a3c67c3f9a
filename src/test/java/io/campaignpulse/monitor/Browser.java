package io.campaignpulse.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven over WebDriver: Debian's {@code chromium} and {@code chromium-driver}
 * (.ci/run installs them). Both paths are given explicitly, so Selenium never looks for or downloads a
 * browser of its own. Each browser gets a fresh profile directory, removed on close.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("pulse.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("pulse.test.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A laptop-sized window; the browser's console is recorded, and with {@code network} its WebSocket frames too. */
    static Browser start(boolean network) {
        assertTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "the monitor tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        // The page re-renders rows on every live update: an element read while a wait polls may be replaced
        // between finding and reading it. That is "not yet", not a failure: let the wait poll again.
        Awaitility.ignoreExceptionByDefault(StaleElementReferenceException.class);
        try {
            Path profile = Files.createTempDirectory("pulse-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            if (network) {
                logs.enable(LogType.PERFORMANCE, Level.ALL);
            }
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** The connection state the page shows (data-state of #connection). */
    String connectionState() {
        return driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    void awaitState(String state, Duration timeout) {
        waitUpTo(timeout).withMessage(() -> "connection state " + state + ", shown: " + connectionState())
                .until(d -> state.equals(connectionState()));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Console messages at SEVERE (errors, uncaught exceptions, failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The DevTools events recorded since the last call (with {@code network}), as JSON messages. */
    List<String> networkLog() {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** A screenshot of the page at the given window size, written to {@code file}. */
    void screenshot(Path file, int width, int height) throws IOException {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, height));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
