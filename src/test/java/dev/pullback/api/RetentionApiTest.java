package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.HostLock;
import dev.pullback.testing.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The retention endpoints over a real server: plan with reasons, policy override, pins, apply, busy host. */
class RetentionApiTest {
    @TempDir
    Path tmp;
    ServerFixture server;
    Http http;
    BackupLayout layout;

    @BeforeEach
    void start() {
        server = new ServerFixture(tmp);
        http = server.http;
        server.localHost("web", 0, 1000);
        layout = new BackupLayout(server.root, "web");
        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/api/hosts/web/backup").status()).isEqualTo(202);
            server.awaitIdle();
            server.clock.advance(Duration.ofHours(1));
        }
        server.clock.advance(Duration.ofHours(-1)); // now 11:00, the newest snapshot's time
    }

    @AfterEach
    void stop() {
        server.close();
    }

    List<String> names() {
        return layout.completeSnapshots().stream().map(BackupLayout.CompleteSnapshot::name).toList();
    }

    @Test
    void planPolicyPinAndApply() throws Exception {
        JsonNode defaults = http.get("/api/hosts/web/retention").json();
        assertThat(defaults.get("remove").asInt()).as("Backup Manager's 720 h keep everything").isZero();
        assertThat(defaults.get("entries")).hasSize(4);
        assertThat(defaults.get("entries").get(3).get("reasons").toString()).contains("newest");

        Http.Response bad = http.put("/api/hosts/web/retention/policy", "{\"daily_days\": -3}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("daily-days");
        Http.Response typo = http.put("/api/hosts/web/retention/policy", "{\"keep_lats\": 1}");
        assertThat(typo.status()).isEqualTo(400);

        Http.Response set = http.put("/api/hosts/web/retention/policy",
                "{\"keep_last\": 1, \"hourly_hours\": 0, \"daily_days\": 0, \"monthly_months\": 0}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("effective").get("keep_last").asInt()).isEqualTo(1);
        assertThat(set.json().get("override").get("weekly_weeks").isNull()).as("inherits").isTrue();

        assertThat(http.put("/api/hosts/web/snapshots/2026-03-06_0900/pin", "").status()).isEqualTo(204);
        assertThat(http.put("/api/hosts/web/snapshots/nosuch/pin", "").status()).isEqualTo(404);
        JsonNode plan = http.get("/api/hosts/web/retention").json();
        assertThat(plan.get("remove").asInt()).isEqualTo(2);
        assertThat(plan.get("entries").get(1).get("decision").asString()).isEqualTo("keep");
        assertThat(plan.get("entries").get(1).get("reasons").toString()).contains("protected: pinned");
        assertThat(names()).as("planning changes nothing").hasSize(4);

        try (HostLock lock = HostLock.acquire(layout, "pid 1 (test backup)", server.clock.instant())) {
            Http.Response busy = http.post("/api/hosts/web/retention/apply", "{}");
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.json().get("detail").asString()).contains("already being backed up");
        }
        assertThat(http.post("/api/hosts/web/retention/apply", "{\"max_delete\": 0}").status()).isEqualTo(400);

        Http.Response applied = http.post("/api/hosts/web/retention/apply", "{\"max_delete\": 5}");
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().get("removed").toString()).contains("2026-03-06_0800", "2026-03-06_1000");
        assertThat(names()).containsExactly("2026-03-06_0900", "2026-03-06_1100");
        assertThat(http.get("/api/hosts/web/snapshots").json().findValuesAsString("name"))
                .containsExactly("2026-03-06_0900", "2026-03-06_1100");
        assertThat(http.get("/api/runs?type=retention").json().get("total").asLong()).as("the refused attempt is recorded too").isEqualTo(2);
        assertThat(http.get("/api/runs?type=retention&status=ok").json().get("total").asLong()).isEqualTo(1);

        assertThat(http.delete("/api/hosts/web/snapshots/2026-03-06_0900/pin").status()).isEqualTo(204);
        assertThat(http.delete("/api/hosts/web/retention/policy").status()).isEqualTo(204);
        assertThat(http.get("/api/hosts/web/retention/policy").json().get("effective").get("hourly_hours").asInt())
                .isEqualTo(720);
        assertThat(http.get("/api/hosts/nosuch/retention").status()).isEqualTo(404);
    }
}
