package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /api/discovery/preflight and POST /api/discovery over a real server. */
class DiscoveryApiTest {
    @TempDir
    Path tmp;
    ServerFixture server;
    Http http;

    @BeforeEach
    void start() {
        server = new ServerFixture(tmp);
        http = server.http;
        server.localHost("web", 0, 1000);
        assertThat(http.post("/api/hosts/web/backup").status()).isEqualTo(202);
        server.awaitIdle();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void preflightThenImportThenIdempotent() {
        server.context.getBean(JdbcClient.class).sql("DELETE FROM snapshots").update();

        JsonNode p = http.get("/api/discovery/preflight").json();
        assertThat(p.get("root_missing").asBoolean()).isFalse();
        assertThat(p.get("root").get("writable").asBoolean()).isTrue();
        JsonNode web = p.get("hosts").get(0);
        assertThat(web.get("host").asString()).isEqualTo("web");
        assertThat(web.get("dir_state").asString()).isEqualTo("present");
        assertThat(web.get("layout").asString()).isEqualTo("pullback");
        assertThat(web.get("adopted").asString()).isEqualTo("none");
        assertThat(web.get("complete").asInt()).isEqualTo(1);

        Http.Response dry = http.post("/api/discovery?dry_run=true");
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("imports").get(0).get("recorded")).hasSize(1);
        assertThat(http.get("/api/hosts/web/snapshots").json()).isEmpty();

        JsonNode r = http.post("/api/discovery?host=web").json();
        assertThat(r.get("job_id").asLong()).isPositive();
        assertThat(r.get("imports").get(0).get("recorded")).hasSize(1);
        assertThat(http.get("/api/hosts/web/snapshots").json()).hasSize(1);
        assertThat(http.post("/api/discovery").json().get("imports").get(0).get("unchanged").asInt()).isEqualTo(1);
    }

    @Test
    void anAdoptedRsnapshotHistoryIsImportedBesidePullbacksOwnAndListed() throws Exception {
        Path snap = tmp.resolve("snap");
        dev.pullback.discovery.LayoutTrees.rsnapshot(snap, "hourly", 0, "web", java.time.Instant.parse("2026-03-06T07:00:00Z"));
        dev.pullback.discovery.LayoutTrees.rsnapshot(snap, "daily", 0, "web", java.time.Instant.parse("2026-03-05T07:00:00Z"));
        Files.createSymbolicLink(server.root.resolve("web/adopted-history"), snap);

        JsonNode r = http.post("/api/discovery?host=web").json();

        JsonNode web = r.get("preflight").get("hosts").get(0);
        assertThat(web.get("layout").asString()).isEqualTo("pullback");
        assertThat(web.get("adopted").asString()).isEqualTo("rsnapshot");
        assertThat(web.get("complete").asInt()).isEqualTo(3);
        assertThat(r.get("imports").get(0).get("recorded").toString()).contains("2026-03-05-070000", "2026-03-06-070000");
        JsonNode rows = http.get("/api/hosts/web/snapshots").json();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("path").asString()).isEqualTo(snap.toRealPath().resolve("daily.0/web").toString());
        assertThat(rows.get(1).get("base").asString()).isEqualTo("2026-03-05-070000");
        assertThat(http.post("/api/discovery?host=web").json().get("imports").get(0).get("unchanged").asInt()).isEqualTo(3);
    }

    @Test
    void missingHostDirectoryAndBadHostNames() throws Exception {
        http.post("/api/hosts/office-wsl", "{\"transport\": \"local\", \"sources\": [\"/nonexistent\"]}");
        Files.createDirectories(server.root.resolve("officewsl"));

        JsonNode p = http.get("/api/discovery/preflight?host=office-wsl").json();
        assertThat(p.get("hosts_without_directory").get(0).asString()).isEqualTo("office-wsl");
        assertThat(p.get("unlisted_directories").toString()).contains("officewsl", "web");
        assertThat(p.get("warnings").toString()).contains("did you mean 'officewsl'?");

        assertThat(http.get("/api/discovery/preflight?host=nope").status()).isEqualTo(404);
        Http.Response bad = http.post("/api/discovery?host=-rf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("problem+json");
    }

    @Test
    void checkReportForTheHealthPanel() {
        Http.Response r = http.get("/api/check");
        assertThat(r.status()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("passed").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("checks").toString()).contains("\"name\":\"rsync\"", "\"name\":\"database\"",
                "\"name\":\"host web source ", "\"status\":\"ok\"");
    }
}
