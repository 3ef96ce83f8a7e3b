package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API over a real server: every endpoint, the status schema, problem details. */
class ApiTest {
    @TempDir
    Path tmp;
    ServerFixture server;
    Http http;

    @BeforeEach
    void start() {
        server = new ServerFixture(tmp);
        http = server.http;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusFollowsBackupManagersSchemaFieldByField() {
        server.localHost("web", 0, 1000);
        JsonNode never = server.hostStatus("web");
        assertThat(never.get("status").asString()).isEqualTo("never");
        assertThat(never.get("stage_total").asInt()).isEqualTo(5);

        Http.Response started = http.post("/api/trigger");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("job_id").asLong()).isPositive();

        JsonNode status = server.awaitIdle();
        assertThat(status.get("job_running").isBoolean()).isTrue();
        JsonNode web = status.get("hosts").get("web");
        assertThat(web.get("status").asString()).isEqualTo("ok");
        assertThat(web.get("stage").asString()).isEqualTo("done");
        assertThat(web.get("stage_num").asInt()).isEqualTo(5);
        assertThat(web.get("stage_total").asInt()).isEqualTo(5);
        assertThat(web.get("started").asString()).isEqualTo("2026-03-06T08:00:00Z");
        assertThat(web.get("finished").asString()).isEqualTo("2026-03-06T08:00:00Z");
        assertThat(web.get("snapshot").asString()).isEqualTo("2026-03-06_0800");
        assertThat(web.get("hourly").get("name").asString()).isEqualTo("2026-03-06_0800");
        assertThat(web.get("hourly").get("files").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(web.get("hourly").get("new_bytes").asLong()).isGreaterThan(1000);
        assertThat(web.has("tar")).isTrue();
        assertThat(web.get("archives_removed").asInt()).isZero();
        assertThat(Files.isRegularFile(server.root.resolve("web/hourly/2026-03-06_0800").resolve(BackupLayout.MARKER))).isTrue();

        // the heavy stages fill in tar and archives_removed
        Http.Response heavy = http.post("/api/trigger/heavy");
        assertThat(heavy.status()).as(heavy.toString()).isEqualTo(202);
        assertThat(heavy.json().get("job_type").asString()).isEqualTo("heavy");
        JsonNode after = server.awaitIdle().get("hosts").get("web");
        assertThat(after.get("status").asString()).isEqualTo("ok");
        assertThat(after.get("job_type").asString()).isEqualTo("heavy");
        assertThat(after.get("tar").get("outcome").asString()).isEqualTo("created");
        assertThat(after.get("tar").get("file").asString()).isEqualTo("backup_web_2026-03-06_0800.tar.zst");
        assertThat(after.get("tar").get("archive_bytes").asLong()).isPositive();
        assertThat(after.get("archives_removed").asInt()).isZero();
        assertThat(after.get("hourly").get("name").asString()).as("the snapshot figures stay").isEqualTo("2026-03-06_0800");
        assertThat(server.root.resolve("web/archives/backup_web_2026-03-06_0800.tar.zst")).isRegularFile();
        assertThat(server.root.resolve("web/monthly/2026-03")).isDirectory();
    }

    @Test
    void whileRunningFinishedIsAbsentAndProgressAdvances() {
        server.localHost("slow", 1000, 3_000_000);
        assertThat(http.post("/api/hosts/slow/backup").status()).isEqualTo(202);

        List<Long> bytes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode s = server.hostStatus("slow");
            if (s.get("status").asString().equals("running") && s.get("progress") != null && !s.get("progress").isNull()) {
                assertThat(s.has("finished")).as("finished is absent while running").isFalse();
                assertThat(s.get("stage").asString()).isIn("rsync", "hourly");
                bytes.add(s.get("progress").get("bytes").asLong());
            }
            return bytes.size() >= 3 && bytes.getLast() > bytes.getFirst();
        });
        assertThat(http.get("/api/status").json().get("job_running").asBoolean()).isTrue();
        server.awaitIdle();
        assertThat(server.hostStatus("slow").get("status").asString()).isEqualTo("ok");
    }

    @Test
    void aSecondTriggerWhileRunningIsRefusedWith409() {
        server.localHost("slow", 1000, 3_000_000);
        Http.Response first = http.post("/api/trigger");
        assertThat(first.status()).isEqualTo(202);

        Http.Response second = http.post("/api/trigger");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().get("detail").asString()).contains("snapshot job is already running", "dropped");
        assertThat(second.json().get("job_id").asLong()).isEqualTo(first.json().get("job_id").asLong());
        assertThat(http.post("/api/hosts/slow/backup").status()).isEqualTo(409);
        http.post("/api/cancel/slow");
        server.awaitIdle();
        assertThat(http.post("/api/trigger").status()).as("the guard is released when the job ends").isEqualTo(202);
        server.awaitIdle();
    }

    @Test
    void dryRunWritesNothingAndSaysDryRunOk() {
        server.localHost("web", 0, 1000);

        assertThat(http.post("/api/trigger/dry-run").status()).isEqualTo(202);

        JsonNode web = server.awaitIdle().get("hosts").get("web");
        assertThat(web.get("status").asString()).isEqualTo("dry_run_ok");
        assertThat(server.root.resolve("web")).doesNotExist();
        JsonNode runs = http.get("/api/runs").json();
        assertThat(runs.get("items").get(0).get("dry_run").asBoolean()).isTrue();
    }

    @Test
    void cancelStopsOneHostAndRemovesItsPartialWhileOthersFinish() throws Exception {
        server.localHost("slow", 500, 8_000_000);
        server.localHost("fast", 0, 1000);
        assertThat(http.post("/api/trigger").status()).isEqualTo(202);
        Path hourly = server.root.resolve("slow/hourly");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(hourly) && partials(hourly) > 0
                && server.hostStatus("slow").path("progress").path("bytes").asLong() > 0);

        Http.Response cancel = http.post("/api/cancel/slow");

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        JsonNode status = server.awaitIdle();
        assertThat(status.get("hosts").get("slow").get("status").asString()).isEqualTo("cancelled");
        assertThat(status.get("hosts").get("fast").get("status").asString()).isEqualTo("ok");
        assertThat(partials(hourly)).isZero();
        assertThat(server.root.resolve("slow/latest")).doesNotExist();
        assertThat(Files.isDirectory(server.root.resolve("fast/latest"))).isTrue();
        JsonNode run = http.get("/api/runs/" + status.get("hosts").get("slow").get("job_id").asLong()).json();
        assertThat(run.get("job").get("status").asString()).isEqualTo("cancelled");
        assertThat(run.get("hosts").findValuesAsString("status")).containsExactlyInAnyOrder("cancelled", "ok");
        assertThat(http.post("/api/cancel/slow").status()).as("nothing runs any more").isEqualTo(409);
    }

    @Test
    void hostCrudWithProblemDetailsForBadInput() {
        Http.Response created = http.post("/api/hosts/web1", "{\"address\": \"web1.lan\", \"user\": \"backup\", \"port\": 2222}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("transport").asString()).isEqualTo("ssh");
        assertThat(created.json().get("sources").get(0).asString()).isEqualTo("~/");

        assertThat(http.post("/api/hosts/web1", "{}").status()).isEqualTo(409);
        assertThat(http.get("/api/hosts").json().findValuesAsString("name")).containsExactly("web1");
        assertThat(http.get("/api/hosts/web1").json().get("port").asInt()).isEqualTo(2222);

        Http.Response changed = http.put("/api/hosts/web1", "{\"port\": 22, \"enabled\": false}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("address").asString()).as("fields left out keep their value").isEqualTo("web1.lan");
        assertThat(changed.json().get("enabled").asBoolean()).isFalse();

        Http.Response badPort = http.put("/api/hosts/web1", "{\"port\": 70000}");
        assertThat(badPort.status()).isEqualTo(400);
        assertThat(badPort.contentType()).startsWith("application/problem+json");
        assertThat(badPort.json().get("field").asString()).isEqualTo("port");
        assertThat(badPort.json().get("detail").asString()).startsWith("port: ");
        assertThat(http.get("/api/hosts/web1").json().get("port").asInt()).as("nothing changed").isEqualTo(22);

        Http.Response badName = http.post("/api/hosts/-rf", "{}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("field").asString()).isEqualTo("host");

        Http.Response typo = http.put("/api/hosts/web1", "{\"adress\": \"x\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("detail").asString()).contains("adress");

        Http.Response notJson = http.put("/api/hosts/web1", "{port: ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("detail").asString()).startsWith("request body is not valid");

        Http.Response missing = http.get("/api/hosts/nosuch");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("'nosuch' is not configured");
        assertThat(http.get("/api/hosts/nosuch/snapshots").status()).isEqualTo(404);
        assertThat(http.post("/api/cancel/nosuch").status()).isEqualTo(404);
        assertThat(http.post("/api/hosts/nosuch/backup").status()).isEqualTo(404);

        assertThat(http.delete("/api/hosts/web1").status()).isEqualTo(204);
        assertThat(http.get("/api/hosts/web1").status()).isEqualTo(404);
        assertThat(http.delete("/api/hosts/web1").status()).isEqualTo(404);
    }

    @Test
    void snapshotsAndRunHistoryArePagedAndFiltered() {
        server.localHost("web", 0, 1000);
        server.localHost("db", 0, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/trigger").status()).isEqualTo(202);
            server.awaitIdle();
            server.clock.advance(Duration.ofHours(1));
        }
        assertThat(http.post("/api/hosts/web/backup", "{\"dry_run\": true}").status()).isEqualTo(202);
        server.awaitIdle();

        JsonNode snaps = http.get("/api/hosts/web/snapshots").json();
        assertThat(snaps.findValuesAsString("name")).containsExactly("2026-03-06_0800", "2026-03-06_0900", "2026-03-06_1000");

        JsonNode page = http.get("/api/runs?size=2").json();
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("dry_run").asBoolean()).as("newest first").isTrue();
        assertThat(http.get("/api/runs?size=2&page=1").json().get("items")).hasSize(2);
        assertThat(http.get("/api/runs?host=db").json().get("total").asLong()).isEqualTo(3);
        assertThat(http.get("/api/runs?status=ok&type=snapshot").json().get("total").asLong()).isEqualTo(4);
        assertThat(http.get("/api/runs?type=heavy").json().get("total").asLong()).isZero();

        long id = page.get("items").get(1).get("id").asLong();
        JsonNode run = http.get("/api/runs/" + id).json();
        assertThat(run.get("job").get("trigger").asString()).isEqualTo("api");
        assertThat(run.get("hosts")).hasSize(2);
        assertThat(run.get("hosts").get(0).get("stage").asString()).isEqualTo("done");
        assertThat(run.get("hosts").get(0).get("log_excerpt").asString()).contains("$ rsync");

        assertThat(http.get("/api/runs/99999").status()).isEqualTo(404);
        Http.Response badStatus = http.get("/api/runs?status=great");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("field").asString()).isEqualTo("status");
        assertThat(http.get("/api/runs?size=0").json().get("field").asString()).isEqualTo("size");
    }

    @Test
    void serviceStatusAndUnknownPaths() {
        JsonNode s = http.get("/api/status/").json();
        assertThat(s.get("service").asString()).isEqualTo("pullback");
        assertThat(s.get("backup_root").asString()).isEqualTo(server.root.toString());
        assertThat(s.get("backup_root_available").asBoolean()).isTrue();
        assertThat(s.get("backup_root_free_bytes").asLong()).isPositive();

        Http.Response unknown = http.get("/api/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(http.delete("/api/status").status()).isEqualTo(405);
    }

    @Test
    void theEventStreamCarriesEachHostsProgress() throws Exception {
        server.localHost("slow", 1000, 2_000_000);
        var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        var response = http.lines("/api/events");
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                response.get().body().forEach(lines::add);
            } catch (Exception e) {
                // the stream ends with the test
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.equals("event:ping")));

        http.post("/api/hosts/slow/backup");
        server.awaitIdle();

        List<JsonNode> hostEvents = new ArrayList<>();
        String previous = "";
        for (String line : lines) {
            if (previous.equals("event:host") && line.startsWith("data:")) {
                hostEvents.add(JsonMapper.builder().build().readTree(line.substring(5)));
            }
            previous = line;
        }
        reader.interrupt();
        assertThat(hostEvents).isNotEmpty();
        assertThat(hostEvents).allMatch(e -> e.get("host").asString().equals("slow"));
        assertThat(hostEvents.stream().map(e -> e.get("status").asString()).toList()).contains("running", "ok");
        assertThat(hostEvents.stream().filter(e -> e.path("progress").path("bytes").asLong() > 0)).isNotEmpty();
    }

    @Test
    void everyEndpointIsInTheOpenApiDescription() {
        JsonNode doc = http.get("/api/openapi.json").json();
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties()
                .forEach(m -> documented.add(m.getKey().toUpperCase() + " " + p.getKey())));

        Set<String> served = new TreeSet<>();
        server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((info, method) -> info.getPatternValues().stream().filter(p -> p.startsWith("/api"))
                        .forEach(p -> info.getMethodsCondition().getMethods()
                                .forEach(m -> served.add(m.name() + " " + p))));

        assertThat(served).isNotEmpty();
        assertThat(documented).containsAll(served);
    }

    private static long partials(Path hourly) throws java.io.IOException {
        if (!Files.isDirectory(hourly)) {
            return 0;
        }
        try (var s = Files.list(hourly)) {
            return s.filter(p -> p.getFileName().toString().endsWith(BackupLayout.PARTIAL)).count();
        }
    }
}
