package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API tokens: they work, a revoked one is a 401 at once, a viewer's cannot trigger, and only a hash is kept. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenTest {
    @TempDir
    static Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    ConfigurableApplicationContext context;
    Http http;
    TokenService tokens;

    @BeforeAll
    void start() {
        context = TestContext.startServer(tmp.resolve("var"), clock, "pullback.backup-root=" + tmp.resolve("backups"));
        http = new Http(TestContext.port(context));
        tokens = context.getBean(TokenService.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void aTokenWorksUntilItIsRevoked() {
        NewToken t = tokens.create("ci", Role.ADMIN, false);
        assertThat(t.secret()).startsWith("pb_").hasSize(3 + 43);
        Http ci = http.withToken(t.secret());
        assertThat(ci.get("/api/status").status()).isEqualTo(200);
        assertThat(ci.post("/api/hosts/web1", "{}").status()).isEqualTo(201);
        assertThat(tokens.list()).filteredOn(k -> k.name().equals("ci")).singleElement()
                .satisfies(k -> assertThat(k.lastUsedAt()).isEqualTo(clock.instant()));

        tokens.revoke("ci");
        Http.Response revoked = ci.get("/api/status");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        assertThat(revoked.json().get("detail").asString()).contains("not valid");
        assertThat(ci.post("/api/trigger").status()).isEqualTo(401);
        assertThat(ci.get("/").status()).as("a bad token is refused on pages too, not sent to the login form").isEqualTo(401);
        assertThat(http.withToken(t.secret() + "x").get("/api/status").status()).isEqualTo(401);
        assertThat(http.withToken("").get("/api/status").status()).isEqualTo(401);
    }

    @Test
    void aViewerTokenReadsButCannotTrigger() {
        Http viewer = http.withToken(tokens.create("monitoring", Role.VIEWER, false).secret());
        assertThat(viewer.get("/api/status").status()).isEqualTo(200);
        Http.Response trigger = viewer.post("/api/trigger");
        assertThat(trigger.status()).isEqualTo(403);
        assertThat(trigger.contentType()).startsWith("application/problem+json");
        assertThat(trigger.json().get("title").asString()).isEqualTo("Forbidden");
        assertThat(trigger.json().get("detail").asString()).contains("role");
        assertThat(http.get("/api/runs").json().get("total").asLong()).as("nothing ran").isZero();
    }

    @Test
    void onlyTheSha256OfTheTokenIsStored() {
        NewToken t = tokens.create("backup-script", Role.VIEWER, true);
        Map<String, Object> row = context.getBean(JdbcClient.class).sql("SELECT * FROM api_tokens WHERE name = ?")
                .param("backup-script").query().singleRow();
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(t.secret().substring(3)));
        assertThat(row.get("token_hash")).isEqualTo(TokenService.hash(t.secret()));
        assertThat((String) row.get("token_hash")).matches("[0-9a-f]{64}");
        assertThat(row.get("role")).isEqualTo("viewer");
    }
}
