package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every page and every page action over real HTTP against a real server with one backed-up local host. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest {
    @TempDir
    static Path tmp;
    WebFixture f;
    String snapshot;

    @BeforeAll
    void start() {
        f = new WebFixture(tmp);
        f.localHost("alpha", 0, 10_000);
        snapshot = f.backup("alpha");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    static Http.Response form(WebFixture f, String path, String body, boolean htmx) {
        return f.http.form(path, body, htmx);
    }

    @Test
    void dashboardShowsDiskScheduleAndAGreenCard() {
        Http.Response r = f.http.get("/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("Backup storage", "Inodes", "Schedule", "data-host=\"alpha\"", "card green",
                snapshot, "Run backup", "Dry run", "Cancel", "/api/events".substring(0, 0) + "live.js");
    }

    /** A viewer would only get 403 from them, so the pages do not offer the controls that change things. */
    @Test
    void aViewerSeesThePagesWithoutTheControlsThatChangeThings() {
        Http viewer = f.http.loginAs(dev.pullback.security.Role.VIEWER, false);
        String dashboard = viewer.get("/").body();
        assertThat(dashboard).contains("data-host=\"alpha\"", snapshot)
                .doesNotContain("Run backup", "Dry run", "Back up all", "Run heavy", "Run checks");
        String host = viewer.get("/hosts/alpha").body();
        assertThat(host).contains("Configuration", snapshot, "Retention plan")
                .doesNotContain("id=\"save-host\"", "Save schedule", "Save policy", "class=\"pin\"", "Discover snapshots");
        assertThat(viewer.get("/fragments/card/alpha").body()).contains("data-host=\"alpha\"").doesNotContain("Run backup");
        assertThat(viewer.get("/browse/alpha/" + snapshot + "/").body()).contains("id=\"switcher\"").doesNotContain("Download this folder");
        assertThat(f.http.loginAs(dev.pullback.security.Role.VIEWER, true).get("/browse/alpha/" + snapshot + "/").body())
                .contains("Download this folder");

        String asAdmin = f.http.login().get("/hosts/alpha").body();
        assertThat(asAdmin).contains("id=\"save-host\"", "Save schedule", "Save policy", "class=\"pin\"", "Discover snapshots", "Run backup");
    }

    @Test
    void cardFragmentAndUnknownHost() {
        assertThat(f.http.get("/fragments/card/alpha").body()).contains("data-host=\"alpha\"").doesNotContain("<html");
        Http.Response r = f.http.get("/hosts/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("nope");
    }

    @Test
    void hostPageShowsConfigSnapshotsPlanAndRuns() {
        Http.Response r = f.http.get("/hosts/alpha");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Configuration", "host-form", snapshot, "Retention plan", "Runs", "snapshot-chart");
    }

    @Test
    void invalidConfigShowsTheRulesMessageBesideTheField() throws Exception {
        Http.Response r = form(f, "/hosts/alpha",
                "transport=local&address=alpha&port=99999&sources=" + tmp.resolve("src-alpha") + "&enabled=true", false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"error-port\"", "port: ");
        Http.Response bad = form(f, "/hosts/alpha", "transport=local&address=alpha&port=abc&sources=/x&enabled=true", false);
        assertThat(bad.body()).contains("id=\"error-port\"", "must be a whole number");
        // nothing was saved
        assertThat(f.http.get("/api/hosts/alpha").json().get("port").isNull()).isTrue();
    }

    @Test
    void validConfigIsSavedThroughTheSameService() throws Exception {
        Http.Response r = form(f, "/hosts/alpha",
                "transport=local&address=alpha&sources=" + tmp.resolve("src-alpha") + "&excludes=*.tmp&enabled=true", false);
        assertThat(r.status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha").json().get("excludes").get(0).asText()).isEqualTo("*.tmp");
        assertThat(f.http.get("/api/hosts/alpha").json().get("name").asText()).isEqualTo("alpha");
    }

    @Test
    void schedulePreviewShowsFiveRunsWithoutSaving() throws Exception {
        Http.Response r = form(f, "/hosts/alpha/schedule", "cron=15+*+*+*+*&action=preview", false);
        assertThat(r.body()).contains("cron-preview", "2026-03-06 08:15", "2026-03-06 12:15");
        assertThat(f.http.get("/api/hosts/alpha/schedule").status()).isEqualTo(404);
        Http.Response bad = form(f, "/hosts/alpha/schedule", "cron=99+*+*+*+*&action=preview", false);
        assertThat(bad.body()).contains("error-cron");
        Http.Response saved = form(f, "/hosts/alpha/schedule", "cron=15+*+*+*+*&action=save", false);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/schedule").status()).isEqualTo(200);
        assertThat(form(f, "/hosts/alpha/schedule", "action=remove", false).status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/schedule").status()).isEqualTo(404);
    }

    @Test
    void retentionApplyNeedsTheConfirmation() throws Exception {
        Http.Response r = form(f, "/hosts/alpha/retention/apply", "", false);
        assertThat(r.status()).isEqualTo(302);
        Http.Response ok = form(f, "/hosts/alpha/retention/apply", "confirm=true", false);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/snapshots").json().size()).isEqualTo(1);
    }

    @Test
    void controlsAnswerWithTheCardUnderHtmxAndRedirectWithout() throws Exception {
        Http.Response cancel = form(f, "/hosts/alpha/cancel", "", true);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body()).contains("nothing is running for &#39;alpha&#39;", "data-host=\"alpha\"");
        Http.Response dry = form(f, "/hosts/alpha/dry-run", "", false);
        assertThat(dry.status()).isEqualTo(302);
        f.awaitIdle();
        assertThat(f.hostStatus("alpha").get("status").asText()).isEqualTo("dry_run_ok");
        Http.Response run = form(f, "/hosts/alpha/backup", "", true);
        assertThat(run.body()).contains("backup started");
        f.awaitIdle();
        assertThat(f.hostStatus("alpha").get("status").asText()).isIn("ok", "skipped"); // same minute: the name exists
    }

    @Test
    void apiErrorsStayProblemDetails() {
        Http.Response r = f.http.get("/api/hosts/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).contains("problem+json");
    }

    @Test
    void runsArePagedAndFiltered() {
        Http.Response r = f.http.get("/runs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("/runs/1", "snapshot");
        assertThat(f.http.get("/runs?host=nobody").body()).doesNotContain("/runs/1\"");
        assertThat(f.http.get("/runs?status=ok&type=snapshot&host=alpha").body()).contains("/runs/1\"");
        Http.Response bad = f.http.get("/runs?status=weird");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown status");
    }

    @Test
    void aRunShowsEachHostsStageAndFigures() {
        Http.Response r = f.http.get("/runs/1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Run #1", "host-alpha", snapshot, "rsync exit code");
        assertThat(f.http.get("/runs/999").status()).isEqualTo(404);
    }

    @Test
    void architecturePage() {
        Http.Response r = f.http.get("/architecture");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Architecture", "BackupService", "dev.pullback.web");
    }

    @Test
    void aFinishedBackupShowsOnTheDashboardAtOnce() {
        f.localHost("beta", 0, 1_000);
        assertThat(f.http.get("/").body()).contains("data-host=\"beta\"");
        String name = f.backup("beta");
        // the dashboard reuses what it read while this process writes nothing: a backup is a write
        Http.Response r = f.http.get("/");
        assertThat(r.body()).contains("/browse/beta/" + name + "/");
        assertThat(f.http.get("/api/status").json().get("hosts").get("beta").get("snapshot").asText()).isEqualTo(name);
    }

    @Test
    void pinAndUnpinFromTheHostPage() {
        Http.Response page = f.http.get("/hosts/alpha");
        assertThat(page.body()).contains("/hosts/alpha/snapshots/" + snapshot + "/pin", ">Pin<");
        assertThat(form(f, "/hosts/alpha/snapshots/" + snapshot + "/pin", "pinned=true", false).status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/snapshots").json().get(0).get("pinned").asBoolean()).isTrue();
        assertThat(f.http.get("/hosts/alpha").body()).contains(">Unpin<");
        assertThat(form(f, "/hosts/alpha/snapshots/" + snapshot + "/pin", "pinned=false", false).status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/snapshots").json().get(0).get("pinned").asBoolean()).isFalse();
        Http.Response unknown = form(f, "/hosts/alpha/snapshots/2001-01-01_0000/pin", "pinned=true", false);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");
    }

    @Test
    void policyOverrideUsesTheRulesAndMessagesOfTheCliAndApi() {
        assertThat(f.http.get("/hosts/alpha").body()).contains("policy-form", "name=\"min-keep\"", "placeholder=\"720\"");
        Http.Response zero = form(f, "/hosts/alpha/retention/policy", "min-keep=0", false);
        assertThat(zero.status()).isEqualTo(200);
        assertThat(zero.body()).contains("id=\"policy-error\"", "min-keep: must be at least 1");
        Http.Response negative = form(f, "/hosts/alpha/retention/policy", "hourly-hours=-5", false);
        assertThat(negative.body()).contains("id=\"policy-error\"", "hourly-hours: ");
        Http.Response words = form(f, "/hosts/alpha/retention/policy", "daily-days=ten", false);
        assertThat(words.body()).contains("daily-days: must be a whole number");
        // the API says the same about the same value
        assertThat(f.http.put("/api/hosts/alpha/retention/policy", "{\"min_keep\": 0}").json().get("detail").asText())
                .contains("min-keep: must be at least 1");
        assertThat(f.http.get("/api/hosts/alpha/retention/policy").json().get("override").get("min_keep").isNull()).isTrue();

        Http.Response saved = form(f, "/hosts/alpha/retention/policy", "keep-last=3&min-keep=2&hourly-hours=", false);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/retention/policy").json().get("effective").get("keep_last").asInt()).isEqualTo(3);
        assertThat(f.http.get("/hosts/alpha").body()).contains("value=\"3\"");
        assertThat(form(f, "/hosts/alpha/retention/policy", "", false).status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/retention/policy").json().get("override").get("keep_last").isNull()).isTrue();
    }

    @Test
    void maxDeleteIsCheckedLikeTheCli() {
        Http.Response r = form(f, "/hosts/alpha/retention/apply", "confirm=true&maxDelete=0", false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("max-delete: must be at least 1, got 0");
        assertThat(form(f, "/hosts/alpha/retention/apply", "confirm=true&maxDelete=x", false).body())
                .contains("max-delete: must be a whole number");
        assertThat(form(f, "/hosts/alpha/retention/apply", "confirm=true&maxDelete=1", false).status()).isEqualTo(302);
        assertThat(f.http.get("/api/hosts/alpha/snapshots").json().size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void backUpAllAndHeavyStartJobsLikeTheirApiTwins() {
        assertThat(f.http.get("/").body()).contains("id=\"backup-all\"", "Back up all", "id=\"run-heavy\"", "Run heavy");
        f.awaitIdle();
        Http.Response all = form(f, "/backup-all", "", false);
        assertThat(all.status()).isEqualTo(302);
        f.awaitIdle();
        assertThat(f.http.get("/api/runs?type=snapshot&size=1").json().get("items").get(0).get("trigger").asText()).isEqualTo("ui");
        Http.Response heavy = form(f, "/heavy", "", false);
        assertThat(heavy.status()).isEqualTo(302);
        f.awaitIdle();
        assertThat(f.http.get("/api/runs?type=heavy&size=1").json().get("items").get(0).get("trigger").asText()).isEqualTo("ui");
    }

    @Test
    void theHostPageHasTheLiveCard() {
        Http.Response r = f.http.get("/hosts/alpha");
        assertThat(r.body()).contains("id=\"live\"", "class=\"live\"", "stage-bar", "files-bar", "live.js");
    }

    @Test
    void unknownPagesAreHtmlAndUnknownApiPathsProblemDetails() {
        Http.Response page = f.http.get("/nope");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("no page at /nope", "Back to the dashboard");
        Http.Response api = f.http.get("/api/nope");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).contains("problem+json");
        assertThat(api.json().get("status").asInt()).isEqualTo(404);
        assertThat(f.http.get("/web/live.js").status()).isEqualTo(200);
        assertThat(f.http.get("/web/nope.js").status()).isEqualTo(404);
    }
}
