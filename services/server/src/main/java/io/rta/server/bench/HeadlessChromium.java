package io.rta.server.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the Debian {@code chromium-driver} (Selenium is given the driver and the browser
 * explicitly, so it never downloads either): used by {@code ./rta bench viewer} and the viewer's tests. Override the
 * paths with the environment variables {@code RTA_CHROMIUM} and {@code RTA_CHROMEDRIVER}.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts the browser with a window of {@code width} x {@code height}.
     *
     * @throws IllegalStateException naming what to install when the browser or its driver is missing
     */
    public static HeadlessChromium start(int width, int height) {
        String browser = Objects.requireNonNullElse(System.getenv("RTA_CHROMIUM"), CHROMIUM);
        String driver = Objects.requireNonNullElse(System.getenv("RTA_CHROMEDRIVER"), CHROMEDRIVER);
        for (String file : new String[] {browser, driver}) {
            if (!Files.isExecutable(Path.of(file))) {
                throw new IllegalStateException(file + " is missing: install the Debian packages chromium and "
                        + "chromium-driver (apt-get install chromium chromium-driver), or set RTA_CHROMIUM and "
                        + "RTA_CHROMEDRIVER");
            }
        }
        // the browser's profile and scratch files go where this JVM keeps its own (a test module's target/), not /tmp
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().withSilent(true)
                .withEnvironment(Map.of("TMPDIR", System.getProperty("java.io.tmpdir"))).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1",
                // a headless page counts as a background tab: without these its renderer runs at a lower CPU
                // priority (nice 5 on Linux) and is throttled, which a user's foreground tab is not
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page ({@code return ...} gives its value; a promise is awaited when async). */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an asynchronous script: its last argument is the callback that ends it. */
    public Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits until {@code condition} holds, checking every 50 ms; fails with {@code what} after {@code timeout}. */
    public void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // e.g. an element not there yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"), last);
    }

    /** Saves a PNG of the window. */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
