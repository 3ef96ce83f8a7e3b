package dev.pullback.snapshot;

import static dev.pullback.testing.BackupAssertions.assertComplete;
import static dev.pullback.testing.BackupAssertions.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.Transport;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestSshd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The least-privilege source host of the README: the backup key may only run
 * {@code rrsync -ro DIR} ({@code command=...,restrict} in authorized_keys). pullback's pull works
 * through it, with sources relative to DIR; anything that would write is refused.
 */
class LeastPrivilegeTest {
    static final String RRSYNC = "/usr/bin/rrsync";

    @TempDir
    static Path sshdDir;
    static TestSshd sshd;

    @TempDir
    Path tmp;
    EngineFixture fx;
    Path exported;

    @BeforeAll
    static void startSshd() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(RRSYNC)), "rrsync is missing (Debian's rsync package ships it as /usr/bin/rrsync)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "rrsync needs /usr/bin/python3 (apt-get install python3)");
        sshd = TestSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws IOException {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        fx = new EngineFixture(tmp);
        exported = SourceTree.in(tmp.resolve("home"))
                .file("alice/notes.txt", "alice's notes")
                .file("alice/deep/er.txt", "deeper")
                .file("bob/todo.txt", "bob's list")
                .randomFile("bob/big.bin", 100_000, 3)
                .build();
        sshd.authorizedKeyOptions("command=\"" + RRSYNC + " -ro " + exported + "\",restrict");
    }

    @org.junit.jupiter.api.AfterEach
    void plainKey() throws IOException {
        sshd.authorizedKeyOptions(null);
    }

    Host host(String name, List<String> sources) {
        return host(name, sources, false, false);
    }

    Host host(String name, List<String> sources, boolean defaultExcludes, boolean fakeSuper) {
        return new HostChanges(Transport.SSH, sshd.host(), sshd.user(), sshd.port(), sshd.identityFile().toString(), sources,
                null, defaultExcludes, null, null, null, fakeSuper, null, null, null, null)
                .applyTo(Host.defaults(name, Instant.EPOCH), Instant.EPOCH);
    }

    @Test
    void pullbackPullsThroughRrsyncReadOnlyWithSourcesRelativeToItsDirectory() throws IOException {
        // every flag a default host sends, the default excludes and --fake-super included
        Host h = host("restricted", List.of("/alice", "/bob"), true, true);

        SnapshotResult first = fx.snapshot(h);

        assertThat(first.outcome()).as(first.message() + " " + first.warnings()).isEqualTo(Outcome.OK);
        assertComplete(fx.layout(h), first.name());
        assertThat(content(fx.layout(h).snapshotDir(first.name()).resolve("alice"))).isEqualTo(content(exported.resolve("alice")));
        assertThat(content(fx.layout(h).snapshotDir(first.name()).resolve("bob"))).isEqualTo(content(exported.resolve("bob")));

        // the next run hardlinks through rrsync too
        SourceTree.modify(exported.resolve("alice/notes.txt"), "alice's notes, edited");
        fx.nextHour();
        SnapshotResult second = fx.snapshot(h);
        assertThat(second.outcome()).isEqualTo(Outcome.OK);
        assertThat(second.marker().updated()).isEqualTo(1);
        assertThat(SourceTree.inode(fx.layout(h).snapshotDir(second.name()).resolve("bob/big.bin")))
                .isEqualTo(SourceTree.inode(fx.layout(h).snapshotDir(first.name()).resolve("bob/big.bin")));
    }

    @Test
    void theWholeExportedDirectoryIsTheSourceSlash() {
        Host h = host("whole", List.of("/"));

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).as(r.message() + " " + r.warnings()).isEqualTo(Outcome.OK);
        assertThat(content(fx.layout(h).snapshotDir(r.name()).resolve("root"))).isEqualTo(content(exported));
    }

    @Test
    void nothingOutsideTheDirectoryCanBeRead() throws IOException, InterruptedException {
        SourceTree.in(tmp.resolve("outside")).file("secret.txt", "not exported").build();
        Path dest = Files.createDirectories(tmp.resolve("stolen"));
        // pullback's own rules refuse '..' in a source; rrsync refuses it for any client
        String out = rsync("-a", "-e", sshd.rsh(), sshd.destination() + ":/../outside/", dest + "/");

        assertThat(out).contains("exit ").doesNotContain("exit 0");
        assertThat(dest.resolve("secret.txt")).doesNotExist();
    }

    @Test
    void aPushThroughTheReadOnlyKeyIsRefused() throws IOException, InterruptedException {
        Path payload = SourceTree.in(tmp.resolve("payload")).file("planted.txt", "should never arrive").build();
        String out = rsync("-a", "-e", sshd.rsh(), payload + "/", sshd.destination() + ":/alice/");

        assertThat(out).doesNotContain("exit 0").containsIgnoringCase("read-only");
        assertThat(exported.resolve("alice/planted.txt")).doesNotExist();
    }

    /** rsync's exit code and output, as {@code exit N: output}. */
    static String rsync(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rsync"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return "exit " + p.waitFor() + ": " + out;
    }

    @Test
    void aShellCommandThroughTheKeyIsRefused() throws IOException, InterruptedException {
        Path marker = tmp.resolve("pwned");
        List<String> cmd = new ArrayList<>(sshd.sshCommand());
        cmd.addAll(List.of(sshd.destination(), "touch " + marker));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(out).isNotZero();
        assertThat(marker).doesNotExist();
    }
}
