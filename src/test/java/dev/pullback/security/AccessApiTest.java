package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** /api/users and /api/tokens: the admin page's API twin, admins only, with the CLI's rails. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessApiTest {
    @TempDir
    static Path tmp;
    ConfigurableApplicationContext context;
    Http http;

    @BeforeAll
    void start() {
        context = TestContext.startServer(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"));
        http = new Http(TestContext.port(context));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void usersAreManagedOverTheApi() {
        Http.Response added = http.post("/api/users/grace", "{\"role\": \"viewer\", \"password\": \"graces-password\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("role").asString()).isEqualTo("viewer");
        assertThat(added.json().get("can_download").asBoolean()).isFalse();
        Http.Response list = http.get("/api/users");
        assertThat(list.json().findValuesAsString("name")).contains("admin", "grace");
        assertThat(list.body()).doesNotContain("password", "bcrypt");
        Http grace = http.login("grace", "graces-password");

        Http.Response changed = http.put("/api/users/grace", "{\"role\": \"admin\", \"password\": \"new-graces-password\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("role").asString()).isEqualTo("admin");
        assertThat(grace.get("/").status()).as("the password change ended the session").isEqualTo(302);
        http.login("grace", "new-graces-password");

        assertThat(http.post("/api/users/grace", "{\"role\": \"viewer\", \"password\": \"graces-password\"}").status()).isEqualTo(409);
        Http.Response badName = http.post("/api/users/-x", "{\"role\": \"viewer\", \"password\": \"long-enough\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("field").asString()).isEqualTo("name");
        Http.Response shortPw = http.put("/api/users/grace", "{\"role\": \"viewer\", \"password\": \"short\"}");
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(http.get("/api/users").body()).as("nothing changed").contains("\"name\":\"grace\",\"role\":\"admin\"");

        assertThat(http.delete("/api/users/grace").status()).isEqualTo(204);
        assertThat(http.delete("/api/users/grace").status()).isEqualTo(404);
        Http.Response last = http.delete("/api/users/admin");
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("detail").asString()).contains("last admin");
    }

    @Test
    void tokensAreShownOnceAndRevokedOverTheApi() {
        Http.Response created = http.post("/api/tokens/nagios", "{\"role\": \"viewer\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(token).startsWith("pb_");
        assertThat(http.get("/api/tokens").body()).contains("\"name\":\"nagios\"").doesNotContain(token);
        Http nagios = http.withToken(token);
        assertThat(nagios.get("/api/status").status()).isEqualTo(200);
        assertThat(nagios.get("/api/tokens").status()).as("viewers do not see tokens or users").isEqualTo(403);
        assertThat(nagios.get("/api/users").status()).isEqualTo(403);
        assertThat(http.post("/api/tokens/nagios", "{\"role\": \"viewer\"}").status()).isEqualTo(409);

        assertThat(http.delete("/api/tokens/nagios").status()).isEqualTo(204);
        assertThat(nagios.get("/api/status").status()).isEqualTo(401);
    }
}
