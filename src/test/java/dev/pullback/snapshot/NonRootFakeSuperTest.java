package dev.pullback.snapshot;

import static dev.pullback.testing.BackupAssertions.assertComplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.Transport;
import dev.pullback.testing.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pullback's rsync running as an unprivileged user (uid 65534 through a PULLBACK_RSYNC wrapper
 * around {@code setpriv}). It keeps CAP_DAC_OVERRIDE and CAP_FOWNER only because the engine runs
 * as root here and makes the snapshot folders as root (an unprivileged pullback owns them); it
 * cannot chown. Without {@code --fake-super} the source owner is lost; with it the snapshot
 * records it in {@code user.rsync.%stat}.
 */
class NonRootFakeSuperTest {
    @TempDir
    Path tmp;
    EngineFixture fx;
    Path src;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop to uid 65534");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        fx = new EngineFixture(tmp);
        Path wrapper = tmp.resolve("rsync-as-nobody");
        Files.writeString(wrapper, "#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "
                + "--inh-caps=+dac_override,+fowner --ambient-caps=+dac_override,+fowner rsync \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        fx.rsync = wrapper.toString();
        src = SourceTree.in(tmp.resolve("src")).file("owned.txt", "someone else's").randomFile("big.bin", 50_000, 5).build();
        Files.setPosixFilePermissions(src.resolve("owned.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(src.resolve("owned.txt"), "unix:uid", 12345);
        Files.setAttribute(src.resolve("owned.txt"), "unix:gid", 23456);
    }

    Host host(String name, boolean fakeSuper) {
        return new HostChanges(Transport.LOCAL, null, null, null, null, List.of(src.toString()), null, false, null, null,
                null, fakeSuper, null, null, null, null).applyTo(Host.defaults(name, Instant.EPOCH), Instant.EPOCH);
    }

    Path copy(Host h, String snapshot, String file) {
        return fx.layout(h).snapshotDir(snapshot).resolve(src.toString().substring(1)).resolve(file);
    }

    @Test
    void withFakeSuperTheOwnerIsRecordedAndUnchangedFilesStayHardlinked() throws IOException {
        Host h = host("unprivileged", true);

        SnapshotResult first = fx.snapshot(h);

        assertThat(first.outcome()).as(first.message() + " " + first.warnings()).isEqualTo(Outcome.OK);
        assertComplete(fx.layout(h), first.name());
        Path owned = copy(h, first.name(), "owned.txt");
        assertThat(owned).hasContent("someone else's");
        assertThat(Files.getAttribute(owned, "unix:uid")).as("written by the unprivileged rsync").isEqualTo(65534);
        assertThat(SshSnapshotTest.fakeSuperStat(owned)).isEqualTo("100640 0,0 12345:23456");

        fx.nextHour();
        SnapshotResult second = fx.snapshot(h);
        assertThat(second.outcome()).as(second.message() + " " + second.warnings()).isEqualTo(Outcome.OK);
        assertThat(SourceTree.inode(copy(h, second.name(), "owned.txt"))).isEqualTo(SourceTree.inode(owned));
        assertThat(SourceTree.inode(copy(h, second.name(), "big.bin"))).isEqualTo(SourceTree.inode(copy(h, first.name(), "big.bin")));
    }

    @Test
    void withoutFakeSuperTheOwnerIsLost() throws IOException {
        Host h = host("plain", false);

        SnapshotResult r = fx.snapshot(h);

        assertThat(r.outcome()).as(r.message() + " " + r.warnings()).isEqualTo(Outcome.OK);
        Path owned = copy(h, r.name(), "owned.txt");
        assertThat(Files.getAttribute(owned, "unix:uid")).isEqualTo(65534);
        assertThat(SshSnapshotTest.fakeSuperStat(owned)).isNull();
    }
}
