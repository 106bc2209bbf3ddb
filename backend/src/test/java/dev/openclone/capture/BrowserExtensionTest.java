package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.event.SourceType;
import dev.openclone.privacy.Exclusions;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.sdk.TextPattern;
import dev.openclone.support.Browser;
import dev.openclone.support.Extension;
import dev.openclone.support.PageServer;
import dev.openclone.support.TestServer;
import dev.openclone.support.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser extension end to end: built by its install.sh, loaded unpacked into headless Chromium, configured on
 * its options page, browsing pages a local web server plays for several hosts, delivering to a real OpenClone
 * server. Visits last real seconds: the extension counts the time a page is visible, focused and in use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserExtensionTest {

    /** A visit this long is kept (the default minimum is 10 s). */
    private static final Duration READ = Duration.ofSeconds(12);

    @TempDir
    static Path dir;

    PageServer pages;
    TestServer server;
    ChromeDriver browser;
    String id;

    @BeforeAll
    void start() throws Exception {
        pages = PageServer.start();
        server = server(dir.resolve("server"), s -> s);
        browser = Browser.withExtension(dir.resolve("profile"), Extension.chromium());
        id = Extension.id(browser);
        assertThat(Extension.configure(browser, id, settings(server, "excluded.test"))).isEqualTo("Saved.");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    void anArticlesTextAndReadingTimeArriveInWebWithoutItsQueryString() throws Exception {
        double read = visit(pages.url("news.test", "/article/skerryvore?utm_source=mail&session=s3cr3t"), READ);
        assertThat(popupOverPage()).contains("This page is captured.");
        assertThat(badgeOfPage()).isEqualTo("on");
        leave();
        JsonNode event = awaitEvent(e -> e.path("data").path("url").asText().contains("/article/skerryvore"));
        JsonNode data = event.get("data");
        assertThat(data.get("url").asText()).isEqualTo(pages.url("news.test", "/article/skerryvore"));
        assertThat(data.get("title").asText()).isEqualTo("The keepers of Skerryvore lighthouse");
        assertThat(data.get("domain").asText()).isEqualTo("news.test");
        assertThat(data.get("reading_time").asDouble()).isBetween(read - 3, read + 1);
        assertThat(data.get("content").asText())
                .contains("Skerryvore lighthouse stands on a reef eleven miles south-west of Tiree")
                .contains("the three men on the rock rationed the last of the oatmeal")
                .doesNotContain("Subscribe to our newsletter");
        assertThat(data.get("language").asText()).isEqualTo("en");
        String web = webFiles();
        assertThat(web).contains("[The keepers of Skerryvore lighthouse](<" + pages.url("news.test", "/article/skerryvore")
                + ">)", "Reading time:", "the three men on the rock rationed").doesNotContain("s3cr3t", "utm_source");
    }

    @Test
    void aJapaneseArticleArrivesWithItsText() throws Exception {
        visit(pages.url("kyoto.test", "/article-ja"), READ);
        leave();
        JsonNode data = awaitEvent(e -> e.path("data").path("domain").asText().equals("kyoto.test")).get("data");
        assertThat(data.get("title").asText()).isEqualTo("京都の古い町家を守る人々");
        assertThat(data.get("content").asText()).contains("西陣で織物工房を営む田中さんは、十年前に祖父の町家を受け継いだ。");
        assertThat(data.get("language").asText()).isEqualTo("ja");
        assertThat(webFiles()).contains("町家を守る人々の努力は", "Domain: kyoto.test · Reading time: 1", "Language: ja");
    }

    @Test
    void aJapaneseColumnOfShortParagraphsWithoutALanguageTagArrivesWithItsText() throws Exception {
        visit(pages.url("minato.test", "/column-ja"), READ);
        leave();
        JsonNode data = awaitEvent(e -> e.path("data").path("domain").asText().equals("minato.test")).get("data");
        assertThat(data.get("title").asText()).isEqualTo("朝の市場で見つけたもの");
        assertThat(data.get("content").asText()).contains("店のおばあさんは、今朝揚がったばかりのイカを勧めてくれた。")
                .doesNotContain("利用規約");
        assertThat(data.get("language").asText()).isEqualTo("ja");
    }

    @Test
    void aPageWithAPasswordFieldKeepsItsTitleAndAddressOnly() throws Exception {
        visit(pages.url("lanternbank.test", "/login"), READ);
        leave();
        JsonNode data = awaitEvent(e -> e.path("data").path("domain").asText().equals("lanternbank.test")).get("data");
        assertThat(data.get("title").asText()).isEqualTo("Sign in to Lantern Bank");
        assertThat(data.has("content")).isFalse();
        assertThat(webFiles()).contains("Sign in to Lantern Bank").doesNotContain("harbour savings", "passcode");
    }

    @Test
    void excludedDomainsAndShortVisitsNeverReachTheServer() throws Exception {
        visit(pages.url("www.excluded.test", "/page"), READ); // excluded on the options page
        assertThat(popupOverPage()).contains("This page is not captured: excluded domain.");
        assertThat(badgeOfPage()).isEqualTo("off");
        visit(pages.url("bank.test", "/page"), READ); // excluded by the tenant's policy on the server
        visit(pages.url("brief.test", "/page"), Duration.ofSeconds(2)); // left after 2 s
        visit(pages.url("127.0.0.1", "/page"), READ); // a local-network page
        visit(pages.url("marker.test", "/brief"), READ); // an article of one-sentence paragraphs
        leave();
        JsonNode marker = awaitEvent(e -> e.path("data").path("domain").asText().equals("marker.test"));
        assertThat(marker.at("/data/content").asText()).contains("Foot passengers do not need to book.")
                .doesNotContain("Advertise");
        List<String> domains = events().stream().map(e -> e.path("data").path("domain").asText()).toList();
        assertThat(domains).doesNotContain("www.excluded.test", "bank.test", "brief.test", "127.0.0.1");
        assertThat(webFiles()).doesNotContain("//www.excluded.test", "//bank.test", "//brief.test", "//127.0.0.1");
    }

    @Test
    void eachAddressOfASinglePageAppIsItsOwnVisit() throws Exception {
        double inbox = visit(pages.url("tides.test", "/app/inbox"), READ);
        long start = System.nanoTime();
        browser.findElement(By.id("harbours")).click();
        Thread.sleep(READ.toMillis());
        double harbours = (System.nanoTime() - start) / 1e9;
        leave();
        JsonNode second = awaitEvent(e -> e.path("data").path("url").asText().endsWith("/app/harbours"));
        JsonNode first = awaitEvent(e -> e.path("data").path("url").asText().endsWith("/app/inbox"));
        assertThat(first.at("/data/title").asText()).isEqualTo("Tide tables — Inbox");
        assertThat(second.at("/data/title").asText()).isEqualTo("Tide tables — Harbours");
        assertThat(first.at("/data/reading_time").asDouble()).isBetween(inbox - 3, inbox + 1);
        assertThat(second.at("/data/reading_time").asDouble()).isBetween(harbours - 3, harbours + 1);
        assertThat(second.get("timestamp").asDouble()).isGreaterThan(first.get("timestamp").asDouble() + 8);
    }

    @Test
    void nothingIsCapturedWhilePaused() throws Exception {
        assertThat(inPopup("pause")).contains("Paused until you resume.");
        assertThat(Extension.inExtension(browser, "return await chrome.action.getBadgeText({})")).isEqualTo("II");
        closePopup();
        visit(pages.url("paused.test", "/page"), READ);
        leave();
        assertThat(inPopup("resume")).contains("Capturing, sending to http://127.0.0.1:" + server.port());
        closePopup();
        visit(pages.url("resumed.test", "/page"), READ);
        leave();
        awaitEvent(e -> e.path("data").path("domain").asText().equals("resumed.test"));
        assertThat(events()).noneMatch(e -> e.path("data").path("domain").asText().equals("paused.test"));
    }

    @Test
    void deliveryWaitsForTheServerAndSurvivesTheWorkerStoppingAndABrowserRestart() throws Exception {
        Path here = dir.resolve("down");
        TestServer down = server(here, s -> s);
        int port = down.port();
        Path profile = dir.resolve("restart-profile");
        ChromeDriver browser = Browser.withExtension(profile, Extension.chromium());
        TestServer up = null;
        try {
            String ext = Extension.id(browser);
            assertThat(Extension.configure(browser, ext, settings(down, ""))).isEqualTo("Saved.");
            down.close();
            read(browser, pages.url("offline.test", "/article/while-down"));
            awaitPopup(browser, ext, "1 waiting to be sent");
            assertThat(Extension.popup(browser, ext, null)).contains("Not delivered: cannot reach http://127.0.0.1:" + port);
            browser.get("about:blank");
            Extension.stopWorker(browser); // the browser stops idle workers: the queue and the retry outlive it

            up = server(here, s -> s.port(port));
            JsonNode event = web(up).await(e -> e.path("data").path("domain").asText().equals("offline.test"), 60);
            assertThat(event.at("/data/content").asText()).contains("Skerryvore lighthouse stands on a reef");
            assertThat(event.at("/data/reading_time").asDouble()).isBetween(READ.toSeconds() - 3.0,
                    READ.toSeconds() + 1.0);

            up.close();
            up = null;
            read(browser, pages.url("restart.test", "/article/before-restart"));
            awaitPopup(browser, ext, "1 waiting to be sent");
            browser.quit(); // closed with an event waiting
            browser = null;
            up = server(here, s -> s.port(port));
            browser = Browser.withExtension(profile, Extension.chromium());
            Extension.id(browser);
            web(up).await(e -> e.path("data").path("domain").asText().equals("restart.test"), 30);
            assertThat(web(up).events()).hasSize(2);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (up != null) {
                up.close();
            }
        }
    }

    /** Reads a page for {@link #READ}, then leaves it. */
    private static void read(ChromeDriver driver, String url) throws InterruptedException {
        driver.get(url);
        Thread.sleep(READ.toMillis());
        driver.get("about:blank");
    }

    @Test
    void aRefusedKeyAndABadSettingShowOnThePagesNotSilently() throws Exception {
        ChromeDriver other = Browser.withExtension(dir.resolve("refused-profile"), Extension.chromium());
        try {
            String ext = Extension.id(other);
            Map<String, String> bad = settings(server, "");
            bad.put("serverUrl", "ftp://127.0.0.1");
            bad.put("minSeconds", "0");
            assertThat(Extension.configure(other, ext, bad)).isEqualTo("Not saved: see the fields marked above.");
            assertThat(other.findElement(By.id("serverUrl-error")).getText())
                    .isEqualTo("Enter the server's address, such as http://127.0.0.1:8000");
            assertThat(other.findElement(By.id("minSeconds-error")).getText()).isEqualTo("A whole number from 1 to 3600");

            Map<String, String> wrongKey = settings(server, "");
            wrongKey.put("key", "not-the-key-0123456789");
            assertThat(Extension.configure(other, ext, wrongKey)).isEqualTo("Saved.");
            other.findElement(By.id("test")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(other, Duration.ofSeconds(10))
                    .until(d -> !d.findElement(By.id("result")).getText().equals("Testing…"));
            assertThat(other.findElement(By.id("result")).getText())
                    .isEqualTo("The server is there, but it refused the key.");

            other.get(pages.url("refused.test", "/page"));
            Thread.sleep(READ.toMillis());
            other.get("about:blank");
            awaitPopup(other, ext, "Not delivered: the server refused the key (401): check it in Options");
            assertThat(Extension.popup(other, ext, null)).contains("1 waiting to be sent");
            assertThat(Extension.inExtension(other, "return await chrome.action.getBadgeText({})")).isEqualTo("!");
            assertThat(Extension.configure(other, ext, settings(server, ""))).isEqualTo("Saved.");
            awaitEvent(e -> e.path("data").path("domain").asText().equals("refused.test"));
        } finally {
            other.quit();
        }
    }

    // ---- helpers ----

    /** Opens the popup in a second tab, for the page in the first; the page is in the background meanwhile. */
    private String popupOverPage() {
        String page = browser.getWindowHandle();
        Object tab = Extension.inExtensionTab(browser, id);
        String text = Extension.popup(browser, id, ((Number) tab).longValue());
        browser.close();
        browser.switchTo().window(page);
        return text;
    }

    private String badgeOfPage() {
        String page = browser.getWindowHandle();
        Object tab = Extension.inExtensionTab(browser, id);
        Object badge = Extension.inExtension(browser, "return await chrome.action.getBadgeText({tabId: " + tab + "})");
        browser.close();
        browser.switchTo().window(page);
        return String.valueOf(badge);
    }

    /** Opens the popup in a second tab and clicks one of its buttons; answers its text afterwards. */
    private String inPopup(String button) throws InterruptedException {
        String page = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        Extension.popup(browser, id, null);
        browser.findElement(By.id(button)).click();
        Thread.sleep(500);
        popupPage = page;
        return browser.findElement(By.tagName("body")).getText();
    }

    private String popupPage;

    private void closePopup() {
        browser.close();
        browser.switchTo().window(popupPage);
    }

    private static void awaitPopup(ChromeDriver driver, String ext, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String shown = "";
        while (System.nanoTime() < deadline) {
            shown = Extension.popup(driver, ext, null);
            if (shown.contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the popup did not show \"" + text + "\" within 30 s; it shows: " + shown);
    }

    private static TestServer server(Path here, UnaryOperator<dev.openclone.support.TestSettings> more)
            throws Exception {
        TenantPolicy policy = new TenantPolicy(true, new Exclusions(List.of(), List.of(),
                List.of(TextPattern.parse("bank.test")), List.of()), Set.<SourceType>of());
        return TestServer.start(here, TestServer.UTC, Clock.systemUTC(),
                s -> more.apply(s.policies(Map.of("default", policy))));
    }

    private static Map<String, String> settings(TestServer server, String excluded) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("serverUrl", "http://127.0.0.1:" + server.port());
        fields.put("key", TestServer.KEY);
        fields.put("excludedDomains", excluded);
        return fields;
    }

    /** Opens a page and stays on it; answers the seconds it was open. */
    private double visit(String url, Duration stay) throws InterruptedException {
        browser.get(url);
        long start = System.nanoTime();
        Thread.sleep(stay.toMillis());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Leaves the page for one the extension does not capture. */
    private void leave() {
        browser.get("about:blank");
    }

    private List<JsonNode> events() throws Exception {
        return web(server).events();
    }

    private static Timeline web(TestServer server) {
        return Timeline.of(server, "web_browsing", Duration.ofHours(1), Duration.ofHours(1));
    }

    private JsonNode awaitEvent(Predicate<JsonNode> which) throws Exception {
        return web(server).await(which, 30);
    }

    private String webFiles() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(server.vault().resolve("Web"))) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
