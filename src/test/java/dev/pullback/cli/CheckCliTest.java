package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestSshd;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pullback check against a real sshd: what passes, and each failure with its fix. */
class CheckCliTest {
    @TempDir
    static Path sshdDir;
    static TestSshd sshd;

    @TempDir
    Path tmp;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    TestRuntime runtime;
    Path src;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = TestSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() {
        sshd.close();
    }

    @BeforeEach
    void setUp() {
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").build();
        runtime = new TestRuntime(tmp.resolve("var"), clock);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    @Test
    void allPassWithAReachableHostAndExistingSources() {
        assertThat(cli("configure-global", "--backup-root", tmp.resolve("backups").toString()).code()).isZero();
        assertThat(cli("configure-host", "web", "--address", sshd.host(), "--user", sshd.user(), "--port", String.valueOf(sshd.port()),
                "--identity", sshd.identityFile().toString(), "--source", src.toString()).code()).isZero();
        assertThat(cli("configure-host", "etc", "--transport", "local", "--source", src.toString()).code()).isZero();

        CliResult r = cli("check");

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("ok    rsync: version", "ok    ssh: OpenSSH", "ok    database: reachable, schema version",
                "ok    backup root: ", "ok    host web address: 127.0.0.1 resolves", "ok    host web ssh: logged in with BatchMode",
                "ok    host web remote rsync: rsync  version", "ok    host web source " + src + ": exists",
                "ok    host etc source " + src + ": exists", "all checks passed");
    }

    @Test
    void failuresSayWhatToFixAndExitOne() {
        assertThat(cli("configure-host", "web", "--address", sshd.host(), "--user", sshd.user(), "--port", String.valueOf(sshd.port()),
                "--identity", sshd.identityFile().toString(), "--source", "/nonexistent/dir").code()).isZero();
        assertThat(cli("configure-host", "nokey", "--address", sshd.host(), "--user", sshd.user(), "--port", String.valueOf(sshd.port()),
                "--identity", tmp.resolve("no-such-key").toString()).code()).isZero();
        assertThat(cli("configure-host", "gone", "--address", "no-such-host.invalid").code()).isZero();
        assertThat(cli("configure-host", "off", "--address", "no-such-host.invalid", "--no-enabled").code()).isZero();

        CliResult r = cli("check");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).contains("FAIL  backup root: not configured", "fix: pullback configure-global --backup-root DIR",
                "ok    host web ssh", "FAIL  host web source /nonexistent/dir: /nonexistent/dir does not exist on 127.0.0.1",
                "FAIL  host nokey ssh: cannot log in", "fix: install the public key",
                "FAIL  host gone address: no-such-host.invalid does not resolve", "check(s) failed");
        assertThat(r.out()).as("disabled hosts are not checked").doesNotContain("host off");
    }
}
