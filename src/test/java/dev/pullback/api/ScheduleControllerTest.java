package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.PullbackApplication;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.job.JobLauncher;
import dev.pullback.schedule.RecordingLauncher;
import dev.pullback.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** The schedule endpoints over a real server on a free port, a real context and SQLite. */
class ScheduleControllerTest {
    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:20:00Z");
    ConfigurableApplicationContext context;
    HttpClient http = HttpClient.newHttpClient();
    String base;

    @BeforeEach
    void setUp() {
        RecordingLauncher launcher = new RecordingLauncher(clock);
        context = new SpringApplicationBuilder(PullbackApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("testClock", clock);
                    ((GenericApplicationContext) ctx).registerBean("testJobLauncher", JobLauncher.class, () -> launcher,
                            bd -> bd.setPrimary(true));
                })
                .run("--server.port=0", "--server.address=127.0.0.1", "--pullback.data-dir=" + tmp.resolve("var"),
                        "--pullback.database-url=", "--pullback.backup-root=", "--pullback.hosts=",
                        "--pullback.timezone=Europe/Berlin");
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        HostService hosts = context.getBean(HostService.class);
        hosts.configure("web", HostChanges.none());
        hosts.configure("db", HostChanges.none());
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void putGetAndDeleteAHostSchedule() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/hosts/web/schedule", "{\"cron\": \"15 2 * * *\", \"prune\": true}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).contains("\"host\":\"web\"", "\"cron\":\"15 2 * * *\"", "\"prune\":true", "\"enabled\":true",
                "\"zone\":\"Europe/Berlin\"", "\"next_runs\":[\"2026-03-07T02:15:00+01:00\",\"2026-03-08T02:15:00+01:00\",",
                "\"created_at\":\"2026-03-06T08:20:00Z\"");

        HttpResponse<String> get = send("GET", "/api/hosts/web/schedule", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(put.body());

        HttpResponse<String> all = send("GET", "/api/schedule", null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"zone\":\"Europe/Berlin\"",
                "{\"id\":\"snapshot-interval\",\"name\":\"Interval snapshots\",\"job_type\":\"snapshot\","
                        + "\"trigger\":\"interval[1:00:00]\"",
                "\"hosts\":[\"db\"]", "\"next_run_time\":\"2026-03-06T10:00:00+01:00\"",
                "{\"id\":\"heavy\"", "\"trigger\":\"interval[4:00:00]\"", "\"next_run_time\":\"2026-03-06T12:00:00+01:00\"",
                "{\"id\":\"host-snapshot:web\"", "\"trigger\":\"cron[15 2 * * *]\"", "\"next_run_time\":\"2026-03-07T02:15:00+01:00\"",
                "\"running\":false");

        HttpResponse<String> delete = send("DELETE", "/api/hosts/web/schedule", null);
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/hosts/web/schedule", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/hosts/web/schedule", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/schedule", null).body()).contains("\"hosts\":[\"db\",\"web\"]")
                .doesNotContain("host-snapshot:web");
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownHostsA404() throws Exception {
        HttpResponse<String> everySecond = send("PUT", "/api/hosts/web/schedule", "{\"cron\": \"* * * * * *\"}");
        assertThat(everySecond.statusCode()).isEqualTo(400);
        assertThat(everySecond.body()).contains("\"field\":\"cron\"", "fires every second");

        HttpResponse<String> feb30 = send("PUT", "/api/hosts/web/schedule", "{\"cron\": \"0 0 30 2 *\"}");
        assertThat(feb30.statusCode()).isEqualTo(400);
        assertThat(feb30.body()).contains("\"field\":\"cron\"", "never fires");

        HttpResponse<String> missing = send("PUT", "/api/hosts/web/schedule", "{\"prune\": true}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"cron\"", "is required");

        HttpResponse<String> unknown = send("PUT", "/api/hosts/nosuch/schedule", "{\"cron\": \"15 2 * * *\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"field\":\"host\"", "'nosuch' is not configured");

        HttpResponse<String> badName = send("GET", "/api/hosts/-rf/schedule", null);
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("\"field\":\"host\"");

        assertThat(send("GET", "/api/schedule", null).body()).doesNotContain("host-snapshot");
    }
}
