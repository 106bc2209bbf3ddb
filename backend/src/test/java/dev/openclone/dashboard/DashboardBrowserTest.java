package dev.openclone.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.privacy.Exclusions;
import dev.openclone.privacy.Retention;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.sdk.TextPattern;
import dev.openclone.support.Bodies;
import dev.openclone.support.Browser;
import dev.openclone.support.TestClock;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's Chromium through ChromeDriver) against a real server holding seeded
 * events in two tenants: signing in and out, each page's counts and entries, search and its links, another
 * tenant's data never shown, forms without their CSRF token refused. Screenshots of each page, at desktop and
 * phone widths, land in {@code target/dashboard-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** The server's "now": 2026-06-15 15:00 UTC, a Monday. */
    static final Instant NOW = Instant.parse("2026-06-15T15:00:00Z");

    @TempDir
    static Path dir;

    TestServer server;
    TestClock clock;
    ChromeDriver browser;
    String base;
    String bobKey;
    String writeOnlyKey;

    @BeforeAll
    void startServerAndBrowser() throws Exception {
        clock = new TestClock(NOW.minus(Duration.ofMinutes(160)));
        TenantPolicy policy = new TenantPolicy(true, new Exclusions(List.of(TextPattern.parse("Signal")), List.of(),
                List.of(TextPattern.parse("bank.example")), List.of()), Set.of(SourceType.EMAIL),
                new Retention(400, Map.of(SourceType.SCREEN_OCR, 90), 512L * 1024 * 1024));
        server = TestServer.start(dir, TestServer.UTC, clock, s -> s.policies(Map.of("default", policy))
                .plugins(Path.of("..", "plugins")));
        base = "http://127.0.0.1:" + server.port();
        try (TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            bobKey = registry.createKey("bob", "browser", Set.of(), true).key();
            writeOnlyKey = registry.createKey("default", "phone", Set.of(), false).key();
        }
        server.awaitKey(bobKey);
        server.awaitKey(writeOnlyKey);
        seed();
        browser = Browser.start(Files.createDirectories(dir.resolve("chromium")));
    }

    /**
     * The default tenant: a silent laptop (three deliveries ten minutes apart, the last at 12:20), a phone that
     * delivered just now, an audio entry three days ago; bob: one note of his own today.
     */
    private void seed() throws Exception {
        for (int i = 0; i < 3; i++) {
            ObjectNode batch = Bodies.batch("screen_ocr");
            batch.put("device_id", "laptop");
            Bodies.event(batch, seconds(NOW.minus(Duration.ofMinutes(160 - 10 * i))), "screen" + i)
                    .put("app_name", "Firefox").put("window_title", "Budget review " + i)
                    .put("text", "quarterly budget spreadsheet row " + i);
            assertThat(server.http().ingest(batch.toString()).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(10));
        }
        clock.set(NOW.minus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
        ObjectNode audio = Bodies.batch("audio_mic");
        audio.put("device_id", "phone");
        Bodies.event(audio, seconds(NOW.minus(Duration.ofDays(3))), "mic1")
                .put("text", "The dentist appointment moved to Thursday afternoon");
        assertThat(server.http().ingest(audio.toString()).status()).isEqualTo(200);
        clock.set(NOW);
        ObjectNode notes = Bodies.batch("braindump");
        notes.put("device_id", "phone");
        Bodies.event(notes, seconds(NOW.minus(Duration.ofMinutes(30))), "note1")
                .put("text", "Walrus migration plan: move the colony data before the Q3 review");
        Bodies.event(notes, seconds(NOW.minus(Duration.ofMinutes(20))), "note2")
                .put("text", "Buy oat milk and <script>alert('x')</script> batteries");
        assertThat(server.http().ingest(notes.toString()).status()).isEqualTo(200);
        ObjectNode bob = Bodies.batch("braindump");
        Bodies.event(bob, seconds(NOW.minus(Duration.ofMinutes(40))), "bob1")
                .put("text", "Bob's private otter recipe with saffron");
        assertThat(server.http().ingest(bob.toString(), bobKey).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void aWrongKeyIsToldSoAndTheRightKeyOpensToday() throws Exception {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login");
        signIn("oc_not-a-key-of-anyone");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo(SignIn.WRONG_KEY);
        signIn("oc_" + bobKey.substring(3, 10));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo(SignIn.WRONG_KEY);
        signIn(writeOnlyKey);
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo(SignIn.WRITE_ONLY);
        Browser.screenshot(browser, Browser.DESKTOP, "login-desktop");
        Browser.screenshot(browser, Browser.PHONE, "login-phone");

        signIn(TestServer.KEY);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
        assertThat(browser.getTitle()).isEqualTo("Today · OpenClone");
        assertThat(text("[data-today-total]")).isEqualTo("5");
        assertThat(text("[data-month-total]")).isEqualTo("6");
        assertThat(text("tr[data-source=Screen] [data-today]")).isEqualTo("3");
        assertThat(text("tr[data-source=Braindump] [data-today]")).isEqualTo("2");
        assertThat(text("tr[data-source=Audio] [data-today]")).isEqualTo("0");
        assertThat(text("tr[data-source=Audio] [data-month]")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("rect[data-date='2026-06-12']")).getAttribute("data-count"))
                .isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("rect[data-date='2026-06-15']")).getAttribute("data-count"))
                .isEqualTo("5");
        List<WebElement> latest = browser.findElements(By.cssSelector("ol.entries li.entry"));
        assertThat(latest).hasSize(6);
        assertThat(latest.get(0).getText()).contains("14:40").contains("Buy oat milk and <script>alert('x')</script>");
        assertThat(latest.get(1).getText()).contains("14:30").contains("Walrus migration plan");
        assertThat(browser.findElement(By.cssSelector("[data-tenant]")).getText()).isEqualTo("default");
        assertThat(browser.getPageSource()).doesNotContain("otter");
        Browser.screenshot(browser, Browser.DESKTOP, "today-desktop");
        Browser.screenshot(browser, Browser.PHONE, "today-phone");
    }

    @Test
    void searchFindsASeededPhraseWithItsPlaceInTheVault() throws Exception {
        signInAt("/search", TestServer.KEY);
        browser.findElement(By.id("q")).sendKeys("walrus migration");
        clickAndWait(browser.findElement(By.cssSelector("form.search button[type=submit]")));
        assertThat(browser.getCurrentUrl()).startsWith(base + "/search?q=walrus+migration");
        List<WebElement> hits = browser.findElements(By.cssSelector("li.hit"));
        assertThat(hits).hasSize(1);
        WebElement hit = hits.get(0);
        assertThat(hit.findElements(By.tagName("mark"))).extracting(WebElement::getText)
                .containsExactly("Walrus", "migration");
        String file = "Braindump/2026-06-15.md";
        List<String> lines = Files.readAllLines(server.vault().resolve(file));
        int line = lines.indexOf("### 14:30") + 1;
        WebElement obsidian = hit.findElement(By.cssSelector("a.obsidian"));
        assertThat(obsidian.getAttribute("href"))
                .isEqualTo("obsidian://open?vault=vault&file=Braindump%2F2026-06-15");
        assertThat(obsidian.getAttribute("data-line")).isEqualTo(Integer.toString(line));
        assertThat(hit.findElement(By.cssSelector(".place")).getText()).isEqualTo(file + ", line " + line);
        Browser.screenshot(browser, Browser.DESKTOP, "search-desktop");
        Browser.screenshot(browser, Browser.PHONE, "search-phone");

        clickAndWait(hit.findElement(By.cssSelector("h2 a")));
        assertThat(text("[data-file]")).isEqualTo(file);
        assertThat(text("[data-line]")).isEqualTo(Integer.toString(line));
        assertThat(text("pre.entry-text")).startsWith("### 14:30").contains("Walrus migration plan");
        Browser.screenshot(browser, Browser.DESKTOP, "entry-desktop");
        Browser.screenshot(browser, Browser.PHONE, "entry-phone");

        browser.get(base + "/search?q=budget&source_type=screen_ocr&sort=time");
        assertThat(browser.findElements(By.cssSelector("li.hit"))).hasSize(3);
        assertThat(browser.findElement(By.id("source_type")).getAttribute("value")).isEqualTo("screen_ocr");
        browser.get(base + "/search?q=budget&from=2026-06-16&to=2026-06-01");
        assertThat(text("[role=alert]")).contains("to: Value error, to must be after from");
        browser.get(base + "/search?q=otter");
        assertThat(text("[data-total]")).isEqualTo("0 entries found");
    }

    @Test
    void theTimelineShowsTheDayHourByHour() throws Exception {
        signInAt("/timeline?date=2026-06-15", TestServer.KEY);
        assertThat(browser.findElements(By.cssSelector("section.hour h2"))).extracting(WebElement::getText)
                .containsExactly("12:00 3", "14:00 2");
        assertThat(browser.findElement(By.cssSelector("section.hour")).getText()).contains("12:20", "Screen",
                "Budget review 0", "quarterly budget spreadsheet row 0");
        Browser.screenshot(browser, Browser.DESKTOP, "timeline-desktop");
        Browser.screenshot(browser, Browser.PHONE, "timeline-phone");
        clickAndWait(browser.findElement(By.linkText("Previous day")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/timeline?date=2026-06-14");
        assertThat(text("main [role=status]")).isEqualTo("Nothing captured on 2026-06-14.");
        browser.get(base + "/timeline?date=2026-06-12&source_type=audio_mic");
        assertThat(browser.findElements(By.cssSelector("li.entry"))).hasSize(1);
        browser.get(base + "/timeline?date=yesterday");
        assertThat(text("[role=alert]")).startsWith("date: give a day as YYYY-MM-DD");
    }

    @Test
    void pluginsShowDevicesAndWarnOfOneSilentLongerThanUsual() throws Exception {
        signInAt("/plugins", TestServer.KEY);
        WebElement plugin = browser.findElement(By.cssSelector("li[data-plugin=test-plugin]"));
        assertThat(plugin.findElement(By.cssSelector("[data-events]")).getText()).isEqualTo("6");
        WebElement laptop = plugin.findElement(By.cssSelector("tr[data-device=laptop]"));
        assertThat(laptop.getText()).contains("3", "2026-06-15 12:40", "every 10 min");
        assertThat(laptop.getDomAttribute("class")).isEqualTo("silent");
        assertThat(plugin.findElement(By.cssSelector("td.warning")).getText())
                .isEqualTo("Silent for 2 h, longer than usual (every 10 min): is it still running?");
        assertThat(plugin.findElement(By.cssSelector("tr[data-device=phone]")).getDomAttribute("class")).isNull();
        assertThat(text("p.warning")).isEqualTo("One device has been silent longer than usual.");
        assertThat(text("li[data-plugin=test-plugin] .status")).isEqualTo("not in the catalogue");
        assertThat(text("li[data-plugin=openclone-openclaw-capture] .status")).isEqualTo("beta");
        assertThat(text("li[data-plugin=openclone-linux-screen] [data-events]")).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("li.plugin"))).hasSizeGreaterThan(10);
        Browser.screenshot(browser, Browser.DESKTOP, "plugins-desktop");
        Browser.screenshot(browser, Browser.PHONE, "plugins-phone");
    }

    @Test
    void privacyShowsThePolicyAndForgetsARangeAfterAConfirmation() throws Exception {
        signInAt("/privacy", TestServer.KEY);
        String page = text("main");
        assertThat(page).contains("Apps\nSignal", "bank.example", "Email (email)", "kept 400 days",
                "Screen (screen_ocr)\nkept 90 days", "at most 512 MB");
        assertThat(browser.findElement(By.cssSelector("[data-redaction=on]"))).isNotNull();
        Browser.screenshot(browser, Browser.DESKTOP, "privacy-desktop");

        browser.findElement(By.id("f-from")).sendKeys("06/12/2026");
        browser.findElement(By.id("f-to")).sendKeys("06/12/2026");
        clickAndWait(browser.findElement(By.cssSelector("form.search button")));
        assertThat(browser.findElement(By.cssSelector("[data-would-forget]")).getText())
                .isEqualTo("1 event would be forgotten");
        assertThat(text("ul.listed")).contains("Audio", "Audio/2026-06-12.md");
        assertThat(server.file("Audio/2026-06-12.md")).contains("dentist appointment");
        Browser.screenshot(browser, Browser.PHONE, "privacy-phone");

        clickAndWait(browser.findElement(By.cssSelector("form.confirm button")));
        assertThat(browser.findElement(By.cssSelector("[data-forgotten]")).getAttribute("data-forgotten"))
                .isEqualTo("1");
        assertThat(server.file("Audio/2026-06-12.md")).doesNotContain("dentist");
        browser.get(base + "/search?q=dentist");
        assertThat(text("[data-total]")).isEqualTo("0 entries found");
    }

    @Test
    void anotherTenantsDataNeverAppears() throws Exception {
        signInAt("/", bobKey);
        assertThat(browser.findElement(By.cssSelector("[data-tenant]")).getText()).isEqualTo("bob");
        assertThat(text("[data-today-total]")).isEqualTo("1");
        assertThat(browser.getPageSource()).contains("otter recipe").doesNotContain("Walrus").doesNotContain("budget");
        browser.get(base + "/search?q=walrus");
        assertThat(text("[data-total]")).isEqualTo("0 entries found");
        browser.get(base + "/timeline?date=2026-06-15");
        assertThat(browser.getPageSource()).doesNotContain("Walrus").doesNotContain("budget");
        browser.get(base + "/plugins");
        assertThat(browser.getPageSource()).doesNotContain("laptop");
        browser.get(base + "/privacy");
        assertThat(browser.getPageSource()).doesNotContain("Signal").contains("needs the owner's key");
        for (long id = 1; id <= 8; id++) {
            browser.get(base + "/entry?id=" + id);
            assertThat(browser.getPageSource()).doesNotContain("Walrus").doesNotContain("budget")
                    .doesNotContain("dentist");
        }
    }

    @Test
    void aFormWithoutItsTokenOrFromAnotherOriginIsRefused() throws Exception {
        signInAt("/privacy", TestServer.KEY);
        String session = browser.manage().getCookieNamed(SignIn.COOKIE).getValue();
        String csrf = browser.findElement(By.cssSelector("form.signout input[name=csrf]")).getAttribute("value");
        HttpClient http = HttpClient.newHttpClient();
        String forget = "from=2026-06-01&to=2026-06-30";
        assertThat(post(http, "/privacy/forget", forget, session, null).statusCode()).isEqualTo(403);
        assertThat(post(http, "/privacy/forget", forget + "&csrf=wrong", session, null).statusCode()).isEqualTo(403);
        assertThat(post(http, "/privacy/forget", forget + "&csrf=" + csrf, session, "http://evil.example")
                .statusCode()).isEqualTo(403);
        assertThat(post(http, "/logout", "", session, null).statusCode()).isEqualTo(403);
        assertThat(server.file("Screen/2026-06-15.md")).contains("quarterly budget");

        // The page's own sign-out form, its token taken out: the browser posts it and is refused.
        browser.executeScript("document.querySelector('form.signout input[name=csrf]').remove();");
        clickAndWait(browser.findElement(By.cssSelector("form.signout button")));
        assertThat(browser.getTitle()).isEqualTo("Form refused · OpenClone");
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        signInAt("/", TestServer.KEY);
        String session = browser.manage().getCookieNamed(SignIn.COOKIE).getValue();
        clickAndWait(browser.findElement(By.cssSelector("form.signout button")));
        assertThat(browser.getCurrentUrl()).as(browser.getPageSource()).isEqualTo(base + "/login?signed_out");
        assertThat(text("[role=status]")).isEqualTo("You are signed out.");
        browser.get(base + "/search?q=walrus");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login?next=%2Fsearch%3Fq%3Dwalrus");
        HttpResponse<String> old = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Cookie", SignIn.COOKIE + "=" + session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(old.statusCode()).isEqualTo(303);
        assertThat(old.headers().firstValue("Location")).hasValue("/login");
        // Signing in from there brings the browser back where it was going.
        signIn(TestServer.KEY);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/search?q=walrus");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndExpires() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + TestServer.KEY + "&next=//evil.example/x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/");
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches(SignIn.COOKIE + "=[A-Za-z0-9_-]{43}; Path=/; Max-Age=43200; HttpOnly; "
                + "SameSite=Strict");
        assertThat(cookie).doesNotContain(TestServer.KEY);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Pages.POLICY);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).doesNotContain(TestServer.KEY).doesNotContain("<script");
    }

    @Test
    void theKeyboardReachesTheSkipLinkAndTheNavigation() throws Exception {
        signInAt("/", TestServer.KEY);
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = browser.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Skip to content");
        assertThat(browser.findElements(By.cssSelector("nav[aria-label=Main] a"))).extracting(WebElement::getText)
                .containsExactly("Today", "Search", "Timeline", "Plugins", "Privacy");
        assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Today");
        for (WebElement input : browser.findElements(By.cssSelector("input:not([type=hidden]), select"))) {
            String id = input.getAttribute("id");
            assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']"))).as(id).hasSize(1);
        }
    }

    private void signInAt(String path, String key) {
        browser.get(base + path);
        signIn(key);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + path);
    }

    private void signIn(String key) {
        WebElement field = browser.findElement(By.id("key"));
        field.clear();
        field.sendKeys(key);
        clickAndWait(browser.findElement(By.cssSelector("form button[type=submit]")));
    }

    /**
     * Clicks and waits for the page it leads to: the clicked element is gone (Chrome says so either as a stale
     * element or as a node of another document), and the new page is loaded.
     */
    private void clickAndWait(WebElement element) {
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private HttpResponse<String> post(HttpClient http, String path, String form, String session, String origin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", SignIn.COOKIE + "=" + session)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000d;
    }
}
