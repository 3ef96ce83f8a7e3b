package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Form login, logout, the session cookie and the headers every response carries, over a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginTest {
    @TempDir
    static Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    ConfigurableApplicationContext context;
    Http http;

    @BeforeAll
    void start() {
        context = TestContext.startServer(tmp.resolve("var"), clock);
        http = new Http(TestContext.port(context));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void theFormLogsInWithAnHttpOnlySameSiteCookieAndLogoutEndsTheSession() {
        Http browser = http.session();
        Http.Response loginPage = browser.get("/login");
        assertThat(loginPage.status()).isEqualTo(200);
        assertThat(loginPage.body()).contains("id=\"login-form\"", "name=\"_csrf\"").doesNotContain("No users yet");
        assertThat(loginPage.header("Set-Cookie")).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax");

        Http session = http.login();
        Http.Response dashboard = session.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Backup storage", "Log out admin", "/admin/users");

        Http.Response out = session.form("/logout", "");
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).endsWith("/login?logout");
        assertThat(session.get("/").status()).as("the session is gone").isEqualTo(302);
        assertThat(session.get("/login?logout").body()).contains("You are logged out.");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        Http browser = http.session();
        String csrf = csrfField(browser.get("/login").body());
        Http.Response r = browser.form("/login", "username=admin&password=wrong-password&_csrf=" + Http.enc(csrf));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/login?error");
        assertThat(browser.get("/login?error").body()).contains("Wrong name or password.");
        assertThat(browser.get("/").status()).as("still not logged in").isEqualTo(302);
        assertThatThrownBy(() -> http.login("nobody", TestContext.ADMIN_PASSWORD)).hasMessageContaining("failed");
    }

    @Test
    void repeatedWrongPasswordsBlockThatNameFromThatAddressForAWhile() {
        context.getBean(UserService.class).add("mallet", Role.VIEWER, false, "mallets-password");
        Http browser = http.session();
        String csrf = csrfField(browser.get("/login").body());
        for (int i = 0; i < 5; i++) {
            assertThat(browser.form("/login", "username=mallet&password=guess-" + i + "&_csrf=" + Http.enc(csrf)).header("Location"))
                    .endsWith("/login?error");
        }
        Http.Response right = browser.form("/login", "username=mallet&password=mallets-password&_csrf=" + Http.enc(csrf));
        assertThat(right.header("Location")).as("even the right password, without checking it").endsWith("/login?throttled");
        assertThat(browser.get("/login?throttled").body()).contains("Too many failed logins");
        assertThat(http.login().get("/").status()).as("other names are not affected").isEqualTo(200);

        clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(http.login("mallet", "mallets-password").get("/").status()).isEqualTo(200);
    }

    @Test
    void anonymousPagesGoToTheLoginPageApiCallsGet401AndHtmxIsToldWhereToGo() {
        Http anonymous = http.anonymous();
        Http.Response page = anonymous.get("/hosts/alpha");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");

        Http.Response api = anonymous.get("/api/status");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().get("status").asInt()).isEqualTo(401);
        assertThat(api.json().get("title").asString()).isEqualTo("Unauthorized");
        assertThat(api.json().get("instance").asString()).isEqualTo("/api/status");
        assertThat(api.header("WWW-Authenticate")).startsWith("Bearer");

        Http.Response htmx = anonymous.header("HX-Request", "true").get("/fragments/card/alpha");
        assertThat(htmx.status()).isEqualTo(401);
        assertThat(htmx.header("HX-Redirect")).isEqualTo("/login");

        assertThat(anonymous.get("/api/health").json().toString()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(anonymous.get("/web/pullback.js").status()).as("static assets are public").isEqualTo(200);
        assertThat(anonymous.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Http.Response r : new Http.Response[] {http.anonymous().get("/login"), http.get("/"), http.get("/api/status"),
                http.anonymous().get("/api/status"), http.anonymous().get("/web/pullback.css"), http.get("/api/nothing-here")}) {
            assertThat(r.header("Content-Security-Policy")).as(r.toString())
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void pagesHaveNoInlineScriptSoTheCspNeedsNoException() {
        for (String page : new String[] {"/", "/runs", "/architecture", "/admin/users", "/login"}) {
            String body = http.get(page).body();
            assertThat(body).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("\\son(click|change|submit|load)=");
            assertThat(body).as(page + " carries the CSRF token for htmx").contains("<meta name=\"_csrf\" content=\"");
        }
    }

    static String csrfField(String html) {
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }
}
