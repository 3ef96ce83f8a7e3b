package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** CLI tests over one local host "web" backing up a small tree into a temp backup root. */
abstract class LocalHostCliFixture {
    @TempDir
    Path tmp;
    Path root;
    Path src;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    TestRuntime runtime;
    BackupLayout layout;

    @BeforeEach
    void setUpLocalHost() {
        root = tmp.resolve("backups");
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "a").file("sub/b.txt", "b").build();
        runtime = new TestRuntime(tmp.resolve("var"), clock);
        assertThat(cli("configure-global", "--backup-root", root.toString()).code()).isZero();
        assertThat(cli("configure-host", "web", "--transport", "local", "--source", src.toString(), "--no-default-excludes").code()).isZero();
        layout = new BackupLayout(root, "web");
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    /** {@code n} snapshots an hour apart from 08:00; the clock ends at the last one's time. */
    void hourlyBackups(int n) {
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                clock.advance(Duration.ofHours(1));
            }
            CliResult r = cli("backup", "web");
            assertThat(r.code()).as(r.err()).isZero();
        }
    }
}
