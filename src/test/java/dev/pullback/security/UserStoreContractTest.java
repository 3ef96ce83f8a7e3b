package dev.pullback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.ConflictException;
import dev.pullback.testing.Databases;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/** Users and tokens on every supported database (STYLE.md 11): the V5 migration and the repositories. */
class UserStoreContractTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void usersAndTokensRoundTrip(Databases db) {
        MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
        try (Databases.Isolated database = db.create(tmp);
             ConfigurableApplicationContext ctx = TestContext.start(tmp.resolve("var"), clock,
                     "pullback.database-url=" + database.url())) {
            UserService users = ctx.getBean(UserService.class);
            User alice = users.add("alice", Role.ADMIN, false, "alice-password");
            users.add("bob", Role.VIEWER, true, "bob-password");
            assertThat(users.list()).containsExactly(alice, users.get("bob"));
            assertThat(users.get("bob").mayDownload()).isTrue();
            assertThatThrownBy(() -> users.add("alice", Role.VIEWER, false, "another-password")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> users.changeRole("alice", Role.VIEWER, false)).hasMessageContaining("last admin");
            clock.advance(Duration.ofMinutes(5));
            assertThat(users.changeRole("bob", Role.ADMIN, false).updatedAt()).isEqualTo(clock.instant());
            users.remove("alice");
            assertThat(users.count()).isEqualTo(1);
            assertThat(ctx.getBean(UserLogin.class).loadUserByUsername("bob").getAuthorities()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("ROLE_ADMIN", "DOWNLOAD");

            TokenService tokens = ctx.getBean(TokenService.class);
            NewToken t = tokens.create("ci", Role.VIEWER, false);
            assertThat(tokens.authenticate(t.secret())).hasValueSatisfying(k -> {
                assertThat(k.name()).isEqualTo("ci");
                assertThat(k.createdAt()).isEqualTo(clock.instant());
            });
            assertThat(tokens.list()).singleElement().satisfies(k -> assertThat(k.lastUsedAt()).isEqualTo(clock.instant()));
            tokens.revoke("ci");
            assertThat(tokens.authenticate(t.secret())).isEmpty();
        }
    }
}
