package dev.pullback.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pullback.testing.SourceTree.FileFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TestSshdTest {

    @TempDir
    Path tmp;

    @Test
    void runsRemoteCommandWithTheClientKey() throws Exception {
        try (TestSshd sshd = TestSshd.start(tmp.resolve("sshd"))) {
            Result r = ssh(sshd, List.of(), "echo", "ok");

            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).isEqualTo("ok\n");
            assertThat(sshd.host()).isEqualTo("127.0.0.1");
            assertThat(sshd.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(sshd.hostKeyFingerprint()).startsWith("SHA256:");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sshd.identityFile())))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(sshd.hostPublicKey())).startsWith("ssh-ed25519 ");
            assertThat(sshd.logFile()).exists();
        }
    }

    @Test
    void rsyncPullsATreeOverSsh() throws Exception {
        Path src = SourceTree.in(tmp.resolve("src"))
                .file("docs/a.txt", "hello")
                .randomFile("big/data.bin", 1_000_000, 1)
                .fileRaw(new byte[] {'r', 'a', 'w', (byte) 0xff, '\n'}, "raw".getBytes(StandardCharsets.UTF_8))
                .symlink("link", "docs/a.txt")
                .dir("empty")
                .mode("docs/a.txt", "rw-r-----")
                .mtime("docs/a.txt", Instant.parse("2021-06-01T12:00:00Z"))
                .build();
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        try (TestSshd sshd = TestSshd.start(tmp.resolve("sshd"))) {
            Result r = exec(List.of("rsync", "-a", "-e", sshd.rsh(),
                    sshd.destination() + ":" + src + "/", dst + "/"));
            assertThat(r.exit).as(r.output).isZero();
        }

        assertThat(withoutInodes(SourceTree.snapshot(dst))).isEqualTo(withoutInodes(SourceTree.snapshot(src)));
    }

    @Test
    void stopFreesThePortAndIsIdempotent() throws Exception {
        TestSshd sshd = TestSshd.start(tmp.resolve("sshd"));
        int port = sshd.port();

        sshd.stop();
        sshd.stop();
        sshd.close();

        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void rotateHostKeyChangesFingerprintOnTheSamePort() throws Exception {
        try (TestSshd sshd = TestSshd.start(tmp.resolve("sshd"))) {
            int port = sshd.port();
            String before = sshd.hostKeyFingerprint();
            Path knownHosts = tmp.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
            List<String> strict = List.of("-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts);
            assertThat(ssh(sshd, strict, "true").exit).isZero();

            sshd.rotateHostKey();

            assertThat(sshd.port()).isEqualTo(port);
            assertThat(sshd.hostKeyFingerprint()).startsWith("SHA256:").isNotEqualTo(before);
            Result changed = ssh(sshd, strict, "true");
            assertThat(changed.exit).isEqualTo(255);
            assertThat(changed.output).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
            assertThat(ssh(sshd, List.of(), "true").exit).isZero();
        }
    }

    private static Map<String, FileFacts> withoutInodes(Map<String, FileFacts> snapshot) {
        Map<String, FileFacts> out = new java.util.TreeMap<>();
        // Directory sizes are file-system bookkeeping; directory and symlink mtimes move when the
        // source directory is touched mid-copy (seen flaky on CI): only file mtimes are content here.
        snapshot.forEach((k, f) -> out.put(k, new FileFacts(f.type(), 0, f.type().equals("dir") ? 0 : f.size(),
                f.sha256(), f.linkTarget(), f.mode(), f.type().equals("file") ? f.mtimeMillis() : 0, f.nlink())));
        return out;
    }

    /** Extra options come first: ssh keeps the first value it sees for an option. */
    private static Result ssh(TestSshd sshd, List<String> options, String... remote) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("ssh");
        cmd.addAll(options);
        cmd.addAll(sshd.sshCommand().subList(1, sshd.sshCommand().size()));
        cmd.add(sshd.destination());
        cmd.addAll(List.of(remote));
        return exec(cmd);
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
