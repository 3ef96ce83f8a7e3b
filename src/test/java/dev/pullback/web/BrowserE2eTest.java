package dev.pullback.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.pullback.testing.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright):
 * a backup watched live until the card turns green, a cancel, an invalid host edit, browsing and
 * downloading, a traversal refused. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserE2eTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target/screenshots");
    @TempDir
    static Path tmp;
    WebFixture f;
    Playwright playwright;
    Browser browser;
    Page page;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium (apt-get install chromium)");
        Files.createDirectories(SHOTS);
        f = new WebFixture(tmp);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (f != null) {
            f.close();
        }
    }

    @BeforeEach
    void open() {
        page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000).setAcceptDownloads(true)).newPage();
        f.login(page);
    }

    @AfterEach
    void close() {
        page.context().close();
    }

    /** Many small files behind a bandwidth limit: a transfer that takes seconds and reports progress. */
    Path slowTree(String name, int files) {
        SourceTree t = SourceTree.in(tmp.resolve("src-" + name)).file("a.txt", "alpha " + name);
        for (int i = 0; i < files; i++) {
            t.randomFile("data/f" + i + ".bin", 64 * 1024, i);
        }
        return t.build();
    }

    Locator card(String host) {
        return page.locator("article.card[data-host='" + host + "']");
    }

    @Test
    void aFreshBrowserLogsInThroughTheFormAndSeesTheDashboard() {
        Page fresh = browser.newContext().newPage();
        List<String> problems = new ArrayList<>();
        fresh.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                problems.add(m.text());
            }
        });
        try {
            fresh.navigate(f.base() + "/");
            assertThat(fresh).hasURL(Pattern.compile(".*/login$"));
            fresh.fill("input[name=username]", "admin");
            fresh.fill("input[name=password]", "not the password");
            fresh.click("#login-form button[type=submit]");
            assertThat(fresh.locator("#login-error")).hasText("Wrong name or password.");

            f.login(fresh);
            assertThat(fresh).hasURL(Pattern.compile(".*/(\\?continue)?$"));
            assertThat(fresh.locator("#disk")).isVisible();
            assertThat(fresh.locator("#logout button")).containsText("Log out admin");
            fresh.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("login-dashboard.png")));
            assertThat(problems).as("no script or CSP errors on the dashboard").isEmpty();

            fresh.click("#logout button");
            assertThat(fresh).hasURL(Pattern.compile(".*/login\\?logout$"));
            fresh.navigate(f.base() + "/");
            assertThat(fresh).hasURL(Pattern.compile(".*/login$"));
        } finally {
            fresh.context().close();
        }
    }

    @Test
    void aBackupShowsLiveProgressAndTurnsTheCardGreen() {
        f.addLocal("web1", slowTree("web1", 40), 400);
        page.navigate(f.base() + "/");
        assertThat(card("web1")).hasClass(Pattern.compile("\\bred\\b"));
        card("web1").locator("button.run").click();
        Locator live = card("web1").locator(".live");
        assertThat(live).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        // the files bar advances while the page stays (no reload: a marker survives)
        page.evaluate("window.__noReload = true");
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 60 && seen.stream().distinct().count() < 3; i++) {
            Object v = page.evaluate("() => { const c = document.querySelector(\"article.card[data-host='web1'] .files\");"
                    + " return c ? parseInt(c.textContent) : -1; }");
            seen.add(((Number) v).intValue());
            page.waitForTimeout(150);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-running.png")).setFullPage(true));
        assertThat(seen.stream().filter(n -> n > 0).distinct().count()).as("files seen: %s", seen).isGreaterThanOrEqualTo(2);
        assertThat(card("web1")).hasClass(Pattern.compile("\\bgreen\\b"), new LocatorAssertions.HasClassOptions().setTimeout(60_000));
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
        assertThat(card("web1").locator(".badge.status")).hasText("ok");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard.png")).setFullPage(true));
        // readable on a phone: nothing wider than the screen
        page.setViewportSize(390, 844);
        page.reload();
        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-phone.png")).setFullPage(true));
        page.setViewportSize(3840, 2160);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-4k.png")));
    }

    @Test
    void aRunningBackupCanBeCancelled() {
        f.addLocal("web2", slowTree("web2", 60), 100);
        page.navigate(f.base() + "/");
        card("web2").locator("button.run").click();
        Locator cancel = card("web2").locator("button.cancel");
        assertThat(cancel).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(15_000));
        assertThat(card("web2").locator(".live")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        cancel.click();
        assertThat(card("web2").locator(".badge.status")).hasText("cancelled", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(f.hostStatus("web2").get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void theHostPageShowsLiveProgressToo() {
        f.addLocal("web5", slowTree("web5", 30), 400);
        page.navigate(f.base() + "/hosts/web5");
        page.evaluate("window.__noReload = true");
        card("web5").locator("button.run").click();
        assertThat(card("web5").locator(".live")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat(card("web5").locator(".stage-num")).hasText(Pattern.compile("[1-5]"));
        assertThat(card("web5").locator(".badge.status")).hasText("ok", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
    }

    @Test
    void anInvalidHostEditShowsTheMessageBesideTheField() {
        f.localHost("web3", 0, 1000);
        page.navigate(f.base() + "/hosts/web3");
        page.locator("input[name=port]").fill("99999");
        page.locator("#save-host").click();
        Locator error = page.locator("#error-port");
        assertThat(error).isVisible();
        assertThat(error).containsText("port");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-invalid.png")).setFullPage(true));
        assertThat(f.http.get("/api/hosts/web3").json().get("port").isNull()).isTrue();
    }

    @Test
    void browseASnapshotDownloadAFileAndGetRefusedOnTraversal() throws Exception {
        Path src = f.localHost("web4", 0, 50_000);
        String snap = f.backup("web4");
        page.navigate(f.base() + "/hosts/web4");
        // pin the snapshot from its row: the page comes back with Unpin, and the API agrees
        page.locator("form.pin button[data-snapshot='" + snap + "']").click();
        assertThat(page.locator("form.pin button[data-snapshot='" + snap + "']")).hasText("Unpin");
        assertThat(f.http.get("/api/hosts/web4/snapshots").json().get(0).get("pinned").asBoolean()).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host.png")).setFullPage(true));
        page.setViewportSize(390, 844);
        page.reload();
        assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-phone.png")).setFullPage(true));
        page.setViewportSize(1400, 1000);
        page.navigate(f.base() + "/browse/web4/" + snap + src + "/");
        assertThat(page.locator("#listing")).containsText("big.bin");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("browser.png")).setFullPage(true));
        Download d = page.waitForDownload(() -> page.locator("#listing a", new Page.LocatorOptions().setHasText("big.bin")).click());
        assertThat(Files.readAllBytes(d.path())).isEqualTo(Files.readAllBytes(src.resolve("big.bin")));
        assertThat(d.suggestedFilename()).isEqualTo("big.bin");

        Response r = page.navigate(f.base() + "/browse/web4/" + snap + "/%2e%2e/%2e%2e/%2e%2e/etc/passwd");
        assertThat(r.status()).isIn(400, 404);
        assertThat(page.content()).doesNotContain("root:x:0");
        Response r2 = page.navigate(f.base() + "/browse/web4/" + snap + src + "/sub/..%2f..%2f..%2f..%2fetc%2fpasswd");
        assertThat(r2.status()).isIn(400, 404);
        assertThat(page.content()).doesNotContain("root:x:0");
    }

    @Test
    void discoverSnapshotsShowsTheCountsAndRunChecksShowsTheHealthPanel() {
        f.localHost("nas5", 0, 1000);
        dev.pullback.discovery.LayoutTrees.host(f.root, "nas5").backupManager("2026-03-05_2300", java.time.Instant.parse("2026-03-05T23:05:00Z"))
                .partial("2026-03-06_0000");
        page.navigate(f.base() + "/hosts/nas5");
        assertThat(page.locator("#discovery-none")).isVisible();
        page.locator("#discover-snapshots").click();
        assertThat(page.locator("#discovery-message")).containsText("1 new");
        assertThat(page.locator("#discovery-counts")).containsText("1 complete, 1 partial, 0 unknown");
        assertThat(page.locator("#discovery-layout")).hasText("backup-manager");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("host-discovery.png")).setFullPage(true));

        page.navigate(f.base() + "/");
        page.locator("#run-checks").click();
        assertThat(page.locator("#health-checks tr[data-check=rsync]")).containsText("ok");
        assertThat(page.locator("#health-summary")).containsText("Checked");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-health.png")).setFullPage(true));
    }
}
