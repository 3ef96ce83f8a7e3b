package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.job.JobLauncher;
import dev.pullback.schedule.RecordingLauncher;
import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The schedule endpoints over a real server on a free port, a real context and SQLite. */
class ScheduleControllerTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");
    ConfigurableApplicationContext context;
    Http http;

    @BeforeEach
    void setUp() {
        RecordingLauncher launcher = new RecordingLauncher(clock);
        context = TestContext.startServer(tmp.resolve("var"), clock,
                ctx -> ctx.registerBean("testJobLauncher", JobLauncher.class, () -> launcher, bd -> bd.setPrimary(true)),
                "pullback.timezone=Europe/Berlin");
        http = new Http(TestContext.port(context));
        HostService hosts = context.getBean(HostService.class);
        hosts.configure("web", HostChanges.none());
        hosts.configure("db", HostChanges.none());
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    Http.Response send(String method, String path, String json) {
        return switch (method) {
            case "GET" -> http.get(path);
            case "PUT" -> http.put(path, json);
            case "DELETE" -> http.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @Test
    void putGetAndDeleteAHostSchedule() {
        Http.Response put = send("PUT", "/api/hosts/web/schedule", "{\"cron\": \"15 2 * * *\", \"prune\": true}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).contains("\"host\":\"web\"", "\"cron\":\"15 2 * * *\"", "\"prune\":true", "\"enabled\":true",
                "\"zone\":\"Europe/Berlin\"", "\"next_runs\":[\"2026-03-07T02:15:00+01:00\",\"2026-03-08T02:15:00+01:00\",",
                "\"created_at\":\"2026-03-06T08:20:00Z\"");

        Http.Response get = send("GET", "/api/hosts/web/schedule", null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(put.body());

        Http.Response all = send("GET", "/api/schedule", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("\"zone\":\"Europe/Berlin\"",
                "{\"id\":\"snapshot-interval\",\"name\":\"Interval snapshots\",\"job_type\":\"snapshot\","
                        + "\"trigger\":\"interval[1:00:00]\"",
                "\"hosts\":[\"db\"]", "\"next_run_time\":\"2026-03-06T10:00:00+01:00\"",
                "{\"id\":\"heavy\"", "\"trigger\":\"interval[4:00:00]\"", "\"next_run_time\":\"2026-03-06T12:00:00+01:00\"",
                "{\"id\":\"host-snapshot:web\"", "\"trigger\":\"cron[15 2 * * *]\"", "\"next_run_time\":\"2026-03-07T02:15:00+01:00\"",
                "\"running\":false");

        Http.Response delete = send("DELETE", "/api/hosts/web/schedule", null);
        assertThat(delete.status()).isEqualTo(204);
        assertThat(send("GET", "/api/hosts/web/schedule", null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/hosts/web/schedule", null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/schedule", null).body()).contains("\"hosts\":[\"db\",\"web\"]")
                .doesNotContain("host-snapshot:web");
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownHostsA404() {
        Http.Response everySecond = send("PUT", "/api/hosts/web/schedule", "{\"cron\": \"* * * * * *\"}");
        assertThat(everySecond.status()).isEqualTo(400);
        assertThat(everySecond.body()).contains("\"field\":\"cron\"", "fires every second");

        Http.Response feb30 = send("PUT", "/api/hosts/web/schedule", "{\"cron\": \"0 0 30 2 *\"}");
        assertThat(feb30.status()).isEqualTo(400);
        assertThat(feb30.body()).contains("\"field\":\"cron\"", "never fires");

        Http.Response missing = send("PUT", "/api/hosts/web/schedule", "{\"prune\": true}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"cron\"", "is required");

        Http.Response unknown = send("PUT", "/api/hosts/nosuch/schedule", "{\"cron\": \"15 2 * * *\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"field\":\"host\"", "'nosuch' is not configured");

        Http.Response badName = send("GET", "/api/hosts/-rf/schedule", null);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("\"field\":\"host\"");

        assertThat(send("GET", "/api/schedule", null).body()).doesNotContain("host-snapshot");
    }
}
