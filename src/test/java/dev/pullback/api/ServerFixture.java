package dev.pullback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A real server (web, SQLite, rsync) on a free loopback port over temp directories. */
final class ServerFixture implements AutoCloseable {
    final Path root;
    final Path data;
    final Path tmp;
    final MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    final ConfigurableApplicationContext context;
    final Http http;

    ServerFixture(Path tmp, String... properties) {
        this.tmp = tmp;
        this.root = tmp.resolve("backups");
        this.data = tmp.resolve("var");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] props = java.util.stream.Stream.concat(java.util.stream.Stream.of("pullback.backup-root=" + root),
                java.util.Arrays.stream(properties)).toArray(String[]::new);
        context = TestContext.startServer(data, clock, props);
        http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** A local host over a small tree; {@code bwlimitKbps} > 0 makes its transfer slow enough to watch. */
    Path localHost(String name, int bwlimitKbps, long bigFileBytes) {
        Path src = SourceTree.in(tmp.resolve("src-" + name)).file("a.txt", "alpha " + name).file("sub/b.txt", "beta")
                .randomFile("big.bin", bigFileBytes, name.hashCode()).build();
        String body = "{\"transport\": \"local\", \"sources\": [\"" + src + "\"], \"default_excludes\": false"
                + (bwlimitKbps > 0 ? ", \"bwlimit_kbps\": " + bwlimitKbps : "") + "}";
        Http.Response r = http.post("/api/hosts/" + name, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return src;
    }

    JsonNode hostStatus(String name) {
        return http.get("/api/status").json().get("hosts").get(name);
    }

    /** Waits until no job runs and returns the status. */
    JsonNode awaitIdle() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get("/api/status").json().get("job_running").asBoolean());
        return http.get("/api/status").json();
    }

    @Override
    public void close() {
        context.close();
    }
}
