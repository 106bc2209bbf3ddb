package dev.openclone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver ({@code src/test/browser/install.sh} installs both
 * when missing). Started with the flags this closed network needs: no background connections, no first run.
 */
public final class Browser {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private Browser() {
    }

    public static ChromeDriver start(Path profile) {
        return driver(profile, "--disable-extensions");
    }

    /**
     * Chromium with one unpacked extension loaded (and no other), the host names {@code *.test} resolved to
     * 127.0.0.1, and no HTTPS upgrade of their plain http addresses.
     */
    public static ChromeDriver withExtension(Path profile, Path extension) {
        String folder = extension.toAbsolutePath().toString();
        return driver(profile, "--disable-extensions-except=" + folder, "--load-extension=" + folder,
                "--host-resolver-rules=MAP *.test 127.0.0.1", "--disable-features=HttpsUpgrades");
    }

    private static ChromeDriver driver(Path profile, String... more) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("openclone.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("openclone.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900",
                "--lang=en-US");
        options.addArguments(more);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves what the browser shows now at {@code size} as {@code target/dashboard-screenshots/<name>.png}. */
    public static Path screenshot(ChromeDriver driver, Dimension size, String name) throws IOException {
        driver.manage().window().setSize(size);
        Path folder = Path.of("target", "dashboard-screenshots");
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(DESKTOP);
        return file;
    }
}
