package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Http;
import dev.pullback.testing.MutableClock;
import dev.pullback.testing.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** An rsync older than 3.4.0 (a script that says it is 3.2.7, set as PULLBACK_RSYNC) is reported where people look. */
class RsyncWarningTest {
    @TempDir
    Path tmp;

    Path oldRsync() throws IOException {
        Path script = tmp.resolve("rsync-3.2.7");
        Files.writeString(script, "#!/bin/sh\necho 'rsync  version 3.2.7  protocol version 31'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The start of every context (serve, and each CLI command such as backup) logs it. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void everyStartLogsAWarningAndCheckWarnsAndNamesTheCves(CapturedOutput log) throws IOException {
        try (TestRuntime runtime = new TestRuntime(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"),
                "pullback.rsync=" + oldRsync())) {
            CliResult r = CliResult.run(runtime, "check");
            assertThat(r.out()).contains("WARN  rsync: rsync 3.2.7 is older than 3.4.0", "CVE-2024-12084", "CVE-2024-12088",
                    "fix: upgrade rsync to 3.4.0 or newer");
            assertThat(log.getOut() + log.getErr()).contains("WARN", "*** rsync 3.2.7 is older than 3.4.0", "CVE-2024-12084");
        }
    }

    @Test
    void theDashboardShowsABanner() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("backups"));
        ConfigurableApplicationContext server = TestContext.startServer(tmp.resolve("var"), MutableClock.at("2026-03-06T08:00:00Z"),
                "pullback.rsync=" + oldRsync(), "pullback.backup-root=" + root);
        try {
            Http http = new Http(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            assertThat(http.get("/").body()).contains("id=\"rsync-warning\"", "rsync 3.2.7 is older than 3.4.0", "CVE-2024-12084");
        } finally {
            server.close();
        }
    }
}
