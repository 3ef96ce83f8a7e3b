package dev.pullback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.MutableClock;
import dev.pullback.testing.SourceTree;
import dev.pullback.testing.TestSshd;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH trust end to end through the CLI and a real sshd: the first contact is recorded, a changed
 * host key fails the backup with an alert and pulls nothing, {@code pullback host trust} accepts
 * the new key and the next backup works.
 */
class HostTrustCliTest {
    @TempDir
    Path tmp;
    TestSshd sshd;
    MutableClock clock = MutableClock.at("2026-03-06T08:00:00Z");
    TestRuntime runtime;
    Path src;
    Path knownHosts;

    @BeforeEach
    void setUp() throws IOException {
        sshd = TestSshd.start(tmp.resolve("sshd"));
        src = SourceTree.in(tmp.resolve("src")).file("a.txt", "alpha").build();
        runtime = new TestRuntime(tmp.resolve("var"), clock);
        knownHosts = tmp.resolve("var/known_hosts");
        Files.createDirectories(tmp.resolve("backups"));
        assertThat(cli("configure-global", "--backup-root", tmp.resolve("backups").toString()).code()).isZero();
        assertThat(cli("configure-host", "web", "--address", sshd.host(), "--user", sshd.user(), "--port",
                String.valueOf(sshd.port()), "--identity", sshd.identityFile().toString(), "--source", src.toString(),
                "--no-default-excludes").code()).isZero();
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        sshd.close();
    }

    CliResult cli(String... args) {
        return CliResult.run(runtime, args);
    }

    @Test
    void firstContactIsRecordedAChangedKeyFailsWithAnAlertAndTrustAcceptsTheNewKey() throws IOException {
        String first = sshd.hostKeyFingerprint();
        CliResult ok = cli("backup", "web");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(cli("hosts").out()).contains(first);
        assertThat(cli("host", "show", "web").out()).contains("host key    ED25519 " + first + ", first seen 2026-03-06T08:00:00Z")
                .doesNotContain("ALERT");

        sshd.rotateHostKey();
        String second = sshd.hostKeyFingerprint();
        clock.advance(Duration.ofHours(1));
        SourceTree.modify(src.resolve("a.txt"), "changed while the key was not trusted");
        CliResult refused = cli("backup", "web");

        assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).contains("host key changed for web", "pullback trusts ED25519 " + first,
                "the host now offers " + second, "nothing was pulled", "pullback host trust web");
        assertThat(cli("snapshots", "web").out().lines().filter(l -> l.contains("2026-03-06_")).count()).isEqualTo(1);
        assertThat(Files.readSymbolicLink(tmp.resolve("backups/web/latest"))).hasToString("hourly/2026-03-06_0800");
        assertThat(cli("host", "show", "web").out()).contains("ALERT       host_key_changed", "host key changed for web")
                .contains("host key    ED25519 " + first);

        // no terminal and no --yes: nothing changes
        CliResult asked = cli("host", "trust", "web");
        assertThat(asked.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(asked.err()).contains("add --yes");
        assertThat(Files.readString(knownHosts)).doesNotContain(Files.readString(sshd.hostPublicKey()).split(" ")[1]);

        CliResult trusted = cli("host", "trust", "web", "--yes");
        assertThat(trusted.code()).as(trusted.err()).isZero();
        assertThat(trusted.out()).contains("trusted now: ED25519 " + first, "host offers: ED25519 " + second,
                "web: trusting ED25519 " + second);
        assertThat(Files.readString(knownHosts).lines())
                .containsExactly("web " + Files.readString(sshd.hostPublicKey()).strip());
        assertThat(cli("host", "show", "web").out()).contains("host key    ED25519 " + second + ", first seen 2026-03-06T09:00:00Z"
                + ", trusted by hand 2026-03-06T09:00:00Z").doesNotContain("ALERT");

        CliResult again = cli("backup", "web");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readString(tmp.resolve("backups/web/latest/" + src.toString().substring(1) + "/a.txt")))
                .isEqualTo("changed while the key was not trusted");
    }

    @Test
    void trustingAnOfflineHostSaysSoAndChangesNothing() throws IOException {
        assertThat(cli("backup", "web").code()).isZero();
        String before = Files.readString(knownHosts);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(cli("configure-host", "web", "--port", String.valueOf(closedPort)).code()).isZero();

        CliResult r = cli("host", "trust", "web", "--yes");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("cannot read the host key of web", "port " + closedPort, "did not answer", "nothing changed");
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
        assertThat(cli("host", "show", "web").out()).contains("host key    ED25519 " + sshd.hostKeyFingerprint());
    }

    @Test
    void checkAndADryRunWorkWithAKeyRestrictedToRrsync() throws IOException {
        sshd.authorizedKeyOptions("command=\"/usr/bin/rrsync -ro " + src.getParent() + "\",restrict");
        assertThat(cli("configure-host", "web", "--source", "/" + src.getFileName()).code()).isZero();

        CliResult check = cli("check");
        assertThat(check.out()).contains("ok    host web ssh: logged in with BatchMode; the key is restricted to rrsync",
                "WARN  host web sources: not checked", "fix: pullback backup web --dry-run");
        CliResult dry = cli("backup", "web", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run ok");
    }

    @Test
    void aKeyCanBeTrustedBeforeTheFirstContact() throws IOException {
        CliResult trusted = cli("host", "trust", "web", "--yes");

        assertThat(trusted.code()).as(trusted.err()).isZero();
        assertThat(trusted.out()).contains("trusted now: no key recorded", "host offers: ED25519 " + sshd.hostKeyFingerprint());
        assertThat(Files.readString(knownHosts).lines()).containsExactly("web " + Files.readString(sshd.hostPublicKey()).strip());
        assertThat(cli("backup", "web").code()).isZero();
        assertThat(cli("host", "show", "web").out()).contains("host key    ED25519 " + sshd.hostKeyFingerprint()
                + ", first seen 2026-03-06T08:00:00Z, trusted by hand 2026-03-06T08:00:00Z");
    }

    @Test
    void aFirstContactByCheckIsRecordedToo() {
        assertThat(cli("check").out()).contains("ok    host web ssh: logged in with BatchMode");
        assertThat(cli("host", "show", "web").out()).contains("host key    ED25519 " + fingerprint() + ", first seen 2026-03-06T08:00:00Z");
    }

    String fingerprint() {
        try {
            return sshd.hostKeyFingerprint();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLocalHostHasNoKeyToTrust() {
        assertThat(cli("configure-host", "etc", "--transport", "local", "--source", src.toString()).code()).isZero();
        CliResult r = cli("host", "trust", "etc", "--yes");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("local transport");
    }
}
