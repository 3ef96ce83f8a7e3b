package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import dev.pullback.testing.MutableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** {@code pullback user ...} and {@code pullback token ...} in-process over a real context and SQLite. */
class UserCliTest {
    @TempDir
    Path tmp;
    TestRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = new TestRuntime(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    CliResult cli(String stdin, String... args) {
        return CliResult.withInput(runtime, stdin, args);
    }

    String hashOf(String user) {
        return runtime.context.getBean(JdbcClient.class).sql("SELECT password_hash FROM users WHERE name = ?").param(user)
                .query(String.class).single();
    }

    @Test
    void addListChangeThePasswordAndRemoveUsers() {
        assertThat(cli("", "user", "list").out()).contains("no users yet: pullback user add NAME --role admin");
        CliResult added = cli("first-password\n", "user", "add", "alice", "--role", "admin");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("user alice added (admin)");
        assertThat(cli("viewer-password\n", "user", "add", "bob", "--role", "viewer", "--can-download").code()).isZero();

        CliResult list = cli("", "user", "list");
        assertThat(list.out()).contains("NAME", "ROLE", "DOWNLOAD").containsPattern("alice\\s+admin\\s+yes")
                .containsPattern("bob\\s+viewer\\s+yes");

        String hash = hashOf("alice");
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("first-password");
        PasswordEncoder encoder = runtime.context.getBean(PasswordEncoder.class);
        assertThat(encoder.matches("first-password", hash)).isTrue();
        assertThat(cli("second-password\n", "user", "passwd", "alice").code()).isZero();
        assertThat(encoder.matches("second-password", hashOf("alice"))).isTrue();
        assertThat(encoder.matches("first-password", hashOf("alice"))).isFalse();

        assertThat(cli("", "user", "remove", "bob").out()).contains("user bob removed");
        assertThat(cli("", "user", "list").out()).doesNotContain("bob");
    }

    @Test
    void badNamesRolesAndPasswordsAreUsageErrorsAndChangeNothing() {
        for (String bad : new String[] {"-rf", "a b", "x\ny", "", "../etc", "a".repeat(65), "ünï"}) {
            // after "--", so that picocli passes "-rf" on as the name instead of refusing an unknown option
            CliResult r = cli("long-enough-pw\n", "user", "add", "--role", "admin", "--", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("is not a valid name").doesNotContain("\n\n");
        }
        CliResult role = cli("long-enough-pw\n", "user", "add", "carol", "--role", "root");
        assertThat(role.code()).isEqualTo(2);
        assertThat(role.err()).contains("role: must be one of admin, viewer, not 'root'");
        CliResult shortPw = cli("short\n", "user", "add", "carol", "--role", "admin");
        assertThat(shortPw.code()).isEqualTo(2);
        assertThat(shortPw.err()).contains("password: must have at least 8 characters");
        CliResult noPw = cli("", "user", "add", "carol", "--role", "admin");
        assertThat(noPw.code()).isEqualTo(2);
        assertThat(noPw.err()).contains("password: none given");
        assertThat(cli("", "user", "list").out()).contains("no users yet");

        assertThat(cli("long-enough-pw\n", "user", "add", "carol", "--role", "admin").code()).isZero();
        CliResult twice = cli("long-enough-pw\n", "user", "add", "carol", "--role", "viewer");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("user 'carol' exists already");
        CliResult unknown = cli("long-enough-pw\n", "user", "passwd", "dave");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no user 'dave'");
        assertThat(cli("", "user").code()).as("no subcommand").isEqualTo(2);
    }

    @Test
    void theLastAdminCannotBeRemoved() {
        assertThat(cli("long-enough-pw\n", "user", "add", "alice", "--role", "admin").code()).isZero();
        assertThat(cli("long-enough-pw\n", "user", "add", "bob", "--role", "viewer").code()).isZero();
        CliResult r = cli("", "user", "remove", "alice");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'alice' is the last admin: add another admin first");
        assertThat(cli("", "user", "list").out()).contains("alice");

        assertThat(cli("long-enough-pw\n", "user", "add", "carol", "--role", "admin").code()).isZero();
        assertThat(cli("", "user", "remove", "alice").code()).isZero();
        assertThat(cli("", "user", "remove", "carol").code()).as("carol is the last admin now").isEqualTo(2);
    }

    @Test
    void tokensArePrintedOnceStoredHashedListedAndRevoked() {
        CliResult created = cli("", "token", "create", "ci", "--role", "viewer");
        assertThat(created.code()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).startsWith("pb_").doesNotContain("\n");
        assertThat(created.err()).contains("copy it now, it is not shown again");

        Map<String, Object> row = runtime.context.getBean(JdbcClient.class).sql("SELECT * FROM api_tokens").query().singleRow();
        assertThat(row.toString()).doesNotContain(token.substring(3));
        TokenService tokens = runtime.service(TokenService.class);
        assertThat(tokens.authenticate(token)).hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(Role.VIEWER));

        CliResult list = cli("", "token", "list");
        assertThat(list.out()).containsPattern("ci\\s+viewer\\s+no").doesNotContain(token);
        assertThat(cli("", "token", "create", "ci", "--role", "admin").code()).as("name taken").isEqualTo(2);
        assertThat(cli("", "token", "create", "--role", "admin", "--", "-x").err()).contains("is not a valid name");
        assertThat(cli("", "token", "create", "-x", "--role", "admin").code()).isEqualTo(2);

        assertThat(cli("", "token", "revoke", "ci").out()).contains("token ci revoked");
        assertThat(tokens.authenticate(token)).isEmpty();
        CliResult again = cli("", "token", "revoke", "ci");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("no token 'ci'");
    }

    /** A script does {@code TOKEN=$(pullback token create ...)}: standard output must be the token alone, logs go to stderr. */
    @Test
    void tokenCreatePrintsOnlyTheTokenOnStandardOutputInARealProcess() throws Exception {
        Path err = tmp.resolve("err.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pullback.cli.Main", "token", "create", "script", "--role", "viewer")
                .redirectError(err.toFile());
        pb.environment().put("PULLBACK_DATA_DIR", tmp.resolve("var").toString());
        pb.environment().put("PULLBACK_BACKUP_ROOT", tmp.resolve("backups").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(java.nio.file.Files.readString(err)).isZero();
        assertThat(out).matches("pb_[A-Za-z0-9_-]{40,}\n");
        assertThat(java.nio.file.Files.readString(err)).contains("created");
        assertThat(runtime.context.getBean(TokenService.class).authenticate(out.strip())).isPresent();
    }
}
