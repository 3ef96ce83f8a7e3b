package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.discovery.LayoutTrees;
import dev.pullback.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discovery and health parts of the pages over real HTTP: the host page's status and its
 * "Discover snapshots" action, an adopted history browsable, the dashboard's banner for a missing
 * root or host directory, and the health panel run on request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscoveryPagesTest {
    @TempDir
    static Path tmp;
    WebFixture f;

    @BeforeAll
    void start() {
        f = new WebFixture(tmp);
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void discoverSnapshotsFromTheHostPageImportsAndShowsTheCountsLayoutAndWarnings() {
        f.localHost("nas", 0, 1000);
        assertThat(f.http.get("/hosts/nas").body()).contains("id=\"discovery\"", "No preflight of this host yet", "Discover snapshots");
        LayoutTrees.host(f.root, "nas").backupManager("2026-03-05_2300", Instant.parse("2026-03-05T23:05:00Z"))
                .backupManager("2026-03-06_0000", Instant.parse("2026-03-06T00:05:00Z")).partial("2026-03-06_0100");

        Http.Response posted = f.http.post("/hosts/nas/discover");

        assertThat(posted.status()).as("back to the host page without JavaScript").isEqualTo(302);
        String page = f.http.get("/hosts/nas").body();
        assertThat(page).contains("Last preflight", "id=\"discovery-layout\">backup-manager<",
                "<span class=\"complete\">2</span> complete", "<span class=\"partial\">1</span> partial",
                "id=\"discovery-import\">2 new, 0 found again, 0 marked missing, 0 unchanged, 1 partial and 0 unknown left alone<");
        assertThat(f.http.get("/api/hosts/nas/snapshots").json()).hasSize(2);
        assertThat(f.http.get("/fragments/discovery/nas").body()).contains("id=\"discovery\"").doesNotContain("<html");
        assertThat(f.http.post("/hosts/nope/discover").status()).isEqualTo(404);
    }

    @Test
    void anAdoptedRsyncTimeBackupHistoryIsListedAndBrowsableButNothingOutsideIt() throws Exception {
        f.localHost("laptop", 0, 1000);
        Path rtb = LayoutTrees.host(tmp.resolve("elsewhere"), "rtb").rsyncTimeBackup(false, "2026-03-05-120000", "2026-03-06-120000").dir();
        LayoutTrees.host(f.root, "laptop").adoptedHistory(rtb);

        assertThat(f.http.post("/hosts/laptop/discover").status()).isEqualTo(302);

        assertThat(f.http.get("/hosts/laptop").body()).contains("adopted rsync-time-backup history", "<span class=\"complete\">2</span>");
        assertThat(f.http.get("/api/hosts/laptop/snapshots").body()).contains(rtb.toRealPath().resolve("2026-03-06-120000").toString());
        Http.Response listing = f.http.get("/browse/laptop/2026-03-06-120000/");
        assertThat(listing.status()).as(listing.body()).isEqualTo(200);
        assertThat(listing.body()).contains("href=\"/download/laptop/2026-03-06-120000/f\"");
        assertThat(f.http.get("/download/laptop/2026-03-06-120000/f").body()).isEqualTo("2026-03-06-120000");
        assertThat(f.http.get("/browse/laptop/2026-03-06-120000/%2e%2e/").status()).isIn(400, 404);
        assertThat(f.http.get("/browse/laptop/2026-03-07-120000/").status()).isEqualTo(404);

        // the history's drive goes away: the rows are kept, marked missing, and no longer served
        Files.move(rtb, tmp.resolve("elsewhere/rtb-unmounted"));
        assertThat(f.http.post("/hosts/laptop/discover").status()).isEqualTo(302);
        assertThat(f.http.get("/hosts/laptop").body()).contains("points nowhere");
        assertThat(f.http.get("/api/hosts/laptop/snapshots").body()).contains("\"missing\"");
        assertThat(f.http.get("/browse/laptop/2026-03-06-120000/").status()).isEqualTo(404);
        Files.move(tmp.resolve("elsewhere/rtb-unmounted"), rtb);
    }

    @Test
    void theDashboardBannerNamesAMissingHostDirectoryWithItsNearMissAndAMissingRoot() throws Exception {
        f.localHost("office-wsl", 0, 1000);
        f.localHost("fresh", 0, 1000);
        Files.createDirectories(f.root.resolve("officewsl/hourly"));

        String dashboard = f.http.get("/").body();

        assertThat(dashboard).contains("id=\"directory-banner\"", "office-wsl: the host directory " + f.root.resolve("office-wsl"),
                "did you mean &#39;officewsl&#39;?");
        assertThat(dashboard).as("a host that never ran has no directory yet: normal").doesNotContain("fresh: the host directory");

        Path unmounted = f.root.resolveSibling("backups-unmounted");
        Files.move(f.root, unmounted);
        try {
            assertThat(f.http.get("/").body()).contains("id=\"directory-banner\"", "the backup root " + f.root
                    + " does not exist: is the backup drive mounted?");
        } finally {
            Files.move(unmounted, f.root);
        }
        Files.delete(f.root.resolve("officewsl/hourly"));
        Files.delete(f.root.resolve("officewsl"));
        Files.createDirectories(f.root.resolve("office-wsl"));
        assertThat(f.http.get("/").body()).doesNotContain("id=\"directory-banner\"");
    }

    @Test
    void theHealthPanelRunsPullbackCheckOnRequestAndKeepsTheReport() {
        assertThat(f.http.get("/").body()).contains("id=\"health\"", "Not checked since pullback started", "Run checks");

        assertThat(f.http.post("/health/check").status()).isEqualTo(302);

        String panel = f.http.get("/fragments/health").body();
        assertThat(panel).doesNotContain("<html").contains("id=\"health-checks\"", "data-check=\"rsync\" data-status=\"ok\"",
                "data-check=\"database\" data-status=\"ok\"", "data-check=\"backup root\"");
        assertThat(f.http.get("/").body()).contains("id=\"health-summary\"").doesNotContain("Not checked since pullback started");
    }
}
