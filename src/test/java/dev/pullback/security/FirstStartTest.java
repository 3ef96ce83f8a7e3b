package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A fresh installation: no user, so nothing is open, the login page says what to do, and only loopback is allowed. */
class FirstStartTest {
    @TempDir
    Path tmp;

    @Test
    void withoutUsersNothingIsReachableAndTheLoginPageSaysHowToMakeTheFirstAdmin() {
        try (ConfigurableApplicationContext context = TestContext.startServerWithoutUsers(tmp.resolve("var"),
                MutableClock.at("2026-03-06T08:00:00Z"))) {
            Http anonymous = new Http(TestContext.port(context)).anonymous();
            assertThat(anonymous.get("/login").body()).contains("No users yet", "pullback user add NAME --role admin");
            assertThat(anonymous.get("/").status()).isEqualTo(302);
            assertThat(anonymous.get("/api/status").status()).isEqualTo(401);
            assertThat(anonymous.post("/api/trigger").status()).isEqualTo(401);
            assertThat(anonymous.withToken("pb_guessed").get("/api/status").status()).isEqualTo(401);
            assertThatThrownBy(() -> anonymous.login("admin", "admin")).hasMessageContaining("failed");
            assertThatThrownBy(() -> anonymous.login("admin", "")).hasMessageContaining("failed");
        }
    }

    @Test
    void aServerOnAnotherAddressThanLoopbackRefusesToStartWithoutUsers() {
        assertThatThrownBy(() -> TestContext.startServerWithoutUsers(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"),
                "server.address=0.0.0.0"))
                .hasStackTraceContaining("refusing to listen on 0.0.0.0 (PULLBACK_BIND) without any user: create the first admin "
                        + "first with 'pullback user add NAME --role admin', or bind to 127.0.0.1");
    }

    @Test
    void loopbackIsDecidedFromTheLiteralAddress() {
        assertThat(BindAddress.isLoopback("127.0.0.1")).isTrue();
        assertThat(BindAddress.isLoopback("127.1.2.3")).isTrue();
        assertThat(BindAddress.isLoopback("::1")).isTrue();
        assertThat(BindAddress.isLoopback("[::1]")).isTrue();
        assertThat(BindAddress.isLoopback("localhost")).isTrue();
        assertThat(BindAddress.isLoopback("0.0.0.0")).isFalse();
        assertThat(BindAddress.isLoopback("")).as("empty: every interface").isFalse();
        assertThat(BindAddress.isLoopback(null)).isFalse();
        assertThat(BindAddress.isLoopback("192.168.1.10")).isFalse();
        assertThat(BindAddress.isLoopback("127.0.0.1.evil.example")).isFalse();
        BindAddress.checkStart("0.0.0.0", 1); // one user: allowed
        BindAddress.checkStart("127.0.0.1", 0);
    }
}
