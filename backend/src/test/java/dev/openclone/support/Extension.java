package dev.openclone.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The OpenClone browser extension ({@code plugins/openclone-browser}) built by its own install.sh, loaded into
 * headless Chromium, and its options page and popup driven as a user would.
 */
public final class Extension {

    private static Path built;

    private Extension() {
    }

    /** The unpacked Chromium build, made once per test run by {@code install.sh target/openclone-browser}. */
    public static synchronized Path chromium() throws IOException, InterruptedException {
        if (built == null) {
            Path plugin = Path.of("..", "plugins", "openclone-browser").toAbsolutePath().normalize();
            Path out = Path.of("target", "openclone-browser").toAbsolutePath();
            Path log = Files.createTempFile("extension-build", ".log");
            Process build = new ProcessBuilder("bash", plugin.resolve("install.sh").toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new AssertionError("install.sh failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            built = out.resolve("chromium");
        }
        return built;
    }

    /** The extension's id, read from its service worker's address. */
    public static String id(ChromeDriver driver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> targets = driver.executeCdpCommand("Target.getTargets", Map.of());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> infos = (List<Map<String, Object>>) targets.get("targetInfos");
            for (Map<String, Object> info : infos) {
                String url = String.valueOf(info.get("url"));
                if ("service_worker".equals(info.get("type")) && url.startsWith("chrome-extension://")
                        && url.endsWith("/background.js")) {
                    closeOtherTabs(driver);
                    return url.substring("chrome-extension://".length(), url.indexOf('/', "chrome-extension://".length()));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the extension's service worker did not start within 20 s");
    }

    /**
     * Stops the extension's service worker, as the browser does when it has been idle: closes its target. Answers
     * once the worker is gone.
     */
    public static void stopWorker(ChromeDriver driver) throws InterruptedException {
        Map<String, Object> targets = driver.executeCdpCommand("Target.getTargets", Map.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> infos = (List<Map<String, Object>>) targets.get("targetInfos");
        String worker = infos.stream().filter(i -> "service_worker".equals(i.get("type"))
                && String.valueOf(i.get("url")).startsWith("chrome-extension://"))
                .map(i -> String.valueOf(i.get("targetId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no service worker runs"));
        driver.executeCdpCommand("Target.closeTarget", Map.of("targetId", worker));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> now = (List<Map<String, Object>>) driver
                    .executeCdpCommand("Target.getTargets", Map.of()).get("targetInfos");
            if (now.stream().noneMatch(i -> worker.equals(i.get("targetId")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service worker did not stop");
    }

    /** Closes the tabs the extension opened (its options page, on install), so the test's tab is the active one. */
    private static void closeOtherTabs(ChromeDriver driver) throws InterruptedException {
        Thread.sleep(500);
        String mine = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(mine)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(mine);
    }

    /** Fills the options page and saves; answers the line the page shows afterwards. */
    public static String configure(ChromeDriver driver, String id, Map<String, String> fields) {
        driver.get("chrome-extension://" + id + "/options.html");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(d -> !d.findElement(By.id("serverUrl")).getAttribute("value").isEmpty());
        fields.forEach((name, value) -> {
            WebElement field = driver.findElement(By.id(name));
            if ("checkbox".equals(field.getAttribute("type"))) {
                if (field.isSelected() != Boolean.parseBoolean(value)) {
                    field.click();
                }
            } else {
                field.clear();
                field.sendKeys(value);
            }
        });
        driver.findElement(By.id("save")).click();
        wait.until(d -> !d.findElement(By.id("result")).getText().isEmpty());
        return driver.findElement(By.id("result")).getText();
    }

    /** The popup's text, opened as a page for the tab {@code tabId} (or without one). */
    public static String popup(ChromeDriver driver, String id, Long tabId) {
        driver.get("chrome-extension://" + id + "/popup.html" + (tabId == null ? "" : "?tab=" + tabId));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("state")).getText().equals("…"));
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Opens an extension page in a new tab (which becomes the active one) and answers the id of the tab that was
     * active before: the page under test. The new tab stays open and current.
     */
    public static Object inExtensionTab(ChromeDriver driver, String id) {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.get("chrome-extension://" + id + "/options.html");
        return inExtension(driver, "const tabs = await chrome.tabs.query({active: false});"
                + " return tabs.find(t => t.id !== undefined).id;");
    }

    /** Runs a script in an extension page (where the chrome.* APIs are), returning what its promise gives. */
    public static Object inExtension(ChromeDriver driver, String script) {
        return driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => { " + script + " })().then(done, e => done('error: ' + e.message));");
    }
}
