package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A logged-in browser session cannot be made to change anything by another site: a form without the
 * CSRF token, with an empty one, or from a foreign Origin is refused; with the page's token it works.
 * Bearer requests need no token (a browser never adds the header by itself).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfTest {
    @TempDir
    static Path tmp;
    ConfigurableApplicationContext context;
    Http http;
    Http session;

    @BeforeAll
    void start() {
        context = TestContext.startServer(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"));
        http = new Http(TestContext.port(context));
        session = http.login();
    }

    @AfterAll
    void stop() {
        context.close();
    }

    /** The admin page's "add user" form: a change that is easy to see. */
    Http.Response addUser(Http client, String name, String extra) {
        return client.form("/admin/users", "name=" + name + "&role=viewer&password=long-enough-pw" + extra);
    }

    boolean exists(String name) {
        return context.getBean(UserService.class).find(name).isPresent();
    }

    @Resilience(item = ResilienceItem.CSRF, what = "a form post without the token", behaviour = "403; nothing changed")
    @Test
    void aFormWithoutTheTokenIsRefused() {
        Http.Response r = addUser(session.withoutCsrf().header("Accept", "text/html"), "mallory1", "");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("403 Forbidden");
        assertThat(exists("mallory1")).isFalse();
    }

    @Resilience(item = ResilienceItem.CSRF, what = "a form post with an empty token", behaviour = "403; nothing changed")
    @Test
    void aFormWithAnEmptyTokenIsRefused() {
        assertThat(addUser(session.withoutCsrf(), "mallory2", "&_csrf=").status()).isEqualTo(403);
        assertThat(addUser(session.withCsrf(""), "mallory3", "").status()).isEqualTo(403);
        assertThat(addUser(session.withCsrf("not-the-token"), "mallory4", "").status()).isEqualTo(403);
        assertThat(exists("mallory2") || exists("mallory3") || exists("mallory4")).isFalse();
    }

    @Resilience(item = ResilienceItem.CSRF, what = "a foreign or null Origin, even with a valid token", behaviour = "403; nothing changed")
    @Test
    void aFormFromAForeignOriginIsRefusedEvenWithTheToken() {
        assertThat(addUser(session.header("Origin", "https://evil.example"), "mallory5", "").status()).isEqualTo(403);
        assertThat(addUser(session.header("Origin", "null"), "mallory6", "").status()).isEqualTo(403);
        assertThat(exists("mallory5") || exists("mallory6")).isFalse();
    }

    @Test
    void theTokenOfThePageWorksAsAFieldAndAsTheHtmxHeader() {
        Http.Response asHeader = addUser(session.header("Origin", http.base()), "alice", "");
        assertThat(asHeader.status()).isEqualTo(302);
        assertThat(exists("alice")).isTrue();
        Http.Response asField = addUser(session.withoutCsrf(), "bob", "&_csrf=" + Http.enc(session.csrf()));
        assertThat(asField.status()).isEqualTo(302);
        assertThat(exists("bob")).isTrue();
    }

    @Resilience(item = ResilienceItem.CSRF, what = "an API call with a cookie session and no token", behaviour = "403; a bearer-token call needs no CSRF token")
    @Test
    void apiCallsWithACookieSessionNeedTheTokenTooBearerCallsDoNot() {
        Http.Response noToken = session.withoutCsrf().post("/api/hosts/web1", "{}");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.contentType()).startsWith("application/problem+json");
        assertThat(noToken.json().get("detail").asString()).contains("CSRF");
        Http.Response foreign = session.header("Origin", "http://evil.example:" + TestContext.port(context)).post("/api/hosts/web2", "{}");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("detail").asString()).contains("cross-origin");
        assertThat(session.post("/api/hosts/web3", "{}").status()).isEqualTo(201);
        assertThat(http.post("/api/hosts/web4", "{}").status()).as("bearer: no CSRF token").isEqualTo(201);
        assertThat(http.get("/api/hosts").json().findValuesAsString("name")).containsExactly("web3", "web4");
    }
}
