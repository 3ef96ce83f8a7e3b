package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.security.UserService;
import dev.pullback.testing.Http;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** /admin/users: an admin manages users and tokens from the web, with the CLI's rails. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageTest {
    @TempDir
    static Path tmp;
    WebFixture f;
    Http admin;

    @BeforeAll
    void start() {
        f = new WebFixture(tmp);
        admin = f.http.login();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    /** Posts a form and follows the redirect back to the page. */
    String post(String path, String body) {
        Http.Response r = admin.form(path, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/admin/users");
        return admin.get("/admin/users").body();
    }

    @Test
    void usersAreAddedChangedResetAndRemoved() {
        UserService users = f.context.getBean(UserService.class);
        assertThat(post("/admin/users", "name=erin&role=viewer&password=erins-password")).contains("User erin added.", "data-user=\"erin\"");
        Http erin = f.http.login("erin", "erins-password");
        assertThat(erin.post("/api/trigger").status()).isEqualTo(403);

        assertThat(post("/admin/users/erin/role", "role=admin&can_download=true")).contains("User erin is now admin with the download grant.");
        assertThat(users.get("erin").role()).isEqualTo(Role.ADMIN);
        assertThat(erin.get("/admin/users").status()).as("the new role counts for the open session").isEqualTo(200);

        assertThat(post("/admin/users/erin/password", "password=new-password-1")).contains("Password of erin changed.");
        assertThat(erin.get("/").status()).as("a session from before the password change ends").isEqualTo(302);
        assertThatThrownBy(() -> f.http.login("erin", "erins-password")).hasMessageContaining("failed");
        erin = f.http.login("erin", "new-password-1");
        assertThat(erin.get("/").status()).isEqualTo(200);

        assertThat(post("/admin/users", "name=bad+name&role=viewer&password=long-enough")).contains("is not a valid name");
        assertThat(post("/admin/users", "name=frank&role=viewer&password=short")).contains("at least 8 characters");
        assertThat(users.find("frank")).isEmpty();

        assertThat(post("/admin/users/erin/remove", "")).contains("User erin removed.").doesNotContain("data-user=\"erin\"");
        assertThat(erin.get("/").status()).as("a removed user's session ends").isEqualTo(302);
    }

    @Test
    void theLastAdminStays() {
        String page = post("/admin/users/admin/remove", "");
        assertThat(page).contains("last admin", "data-user=\"admin\"");
        assertThat(post("/admin/users/admin/role", "role=viewer")).contains("last admin");
        assertThat(f.context.getBean(UserService.class).get("admin").role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aTokenIsShownOnceAndCanBeRevoked() {
        String page = post("/admin/tokens", "name=grafana&role=viewer");
        Matcher m = Pattern.compile("id=\"secret\">(pb_[A-Za-z0-9_-]+)<").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        String secret = m.group(1);
        assertThat(f.http.withToken(secret).get("/api/status").status()).isEqualTo(200);
        assertThat(admin.get("/admin/users").body()).as("shown once").doesNotContain(secret).contains("data-token=\"grafana\"");

        assertThat(post("/admin/tokens/grafana/revoke", "")).contains("Token grafana revoked.");
        assertThat(f.http.withToken(secret).get("/api/status").status()).isEqualTo(401);
        assertThat(f.context.getBean(TokenService.class).list()).noneMatch(t -> t.name().equals("grafana"));
    }
}
