package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
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

/** A real server with local hosts for the page tests (the web twin of the API's ServerFixture). */
final class WebFixture implements AutoCloseable {
    final Path root;
    final Path tmp;
    final MutableClock clock;
    final ConfigurableApplicationContext context;
    final Http http;
    final int port;

    WebFixture(Path tmp) {
        this(tmp, MutableClock.at("2026-03-06T08:00:00Z"));
    }

    WebFixture(Path tmp, MutableClock clock) {
        this.tmp = tmp;
        this.clock = clock;
        this.root = tmp.resolve("backups");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = TestContext.startServer(tmp.resolve("var"), clock, "pullback.backup-root=" + root);
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        http = new Http(port);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Logs the browser page in through the form as the test admin; the dashboard is then open. */
    void login(com.microsoft.playwright.Page page) {
        login(page, TestContext.ADMIN, TestContext.ADMIN_PASSWORD);
    }

    void login(com.microsoft.playwright.Page page, String user, String password) {
        page.navigate(base() + "/login");
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", password);
        page.click("#login-form button[type=submit]");
        page.waitForURL(url -> !url.endsWith("/login"));
        if (page.url().contains("/login")) {
            throw new AssertionError("login as " + user + " failed: " + page.url());
        }
    }

    Path localHost(String name, int bwlimitKbps, long bigFileBytes) {
        Path src = SourceTree.in(tmp.resolve("src-" + name)).file("a.txt", "alpha " + name).file("sub/b.txt", "beta")
                .randomFile("big.bin", bigFileBytes, name.hashCode()).build();
        return addLocal(name, src, bwlimitKbps);
    }

    Path addLocal(String name, Path src, int bwlimitKbps) {
        String body = "{\"transport\": \"local\", \"sources\": [\"" + src + "\"], \"default_excludes\": false"
                + (bwlimitKbps > 0 ? ", \"bwlimit_kbps\": " + bwlimitKbps : "") + "}";
        Http.Response r = http.post("/api/hosts/" + name, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return src;
    }

    /** Runs a backup of the host through the API and waits for it. */
    String backup(String host) {
        assertThat(http.post("/api/hosts/" + host + "/backup").status()).isEqualTo(202);
        awaitIdle();
        return hostStatus(host).get("snapshot").asText();
    }

    JsonNode hostStatus(String name) {
        return http.get("/api/status").json().get("hosts").get(name);
    }

    void awaitIdle() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get("/api/status").json().get("job_running").asBoolean());
    }

    @Override
    public void close() {
        context.close();
    }
}
