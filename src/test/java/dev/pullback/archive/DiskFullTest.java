package dev.pullback.archive;

import static dev.pullback.archive.HeavyFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import dev.pullback.testing.SourceTree;
import dev.pullback.transport.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk mid-archive, on a real 1 MiB tmpfs mounted over the host's archives directory:
 * the stage fails cleanly and the archive made before is untouched. Needs root (mount); skipped
 * with the reason otherwise.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    HeavyFixture fx;
    Path mountPoint;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        fx = new HeavyFixture(tmp);
        Path dir = Files.createDirectories(fx.layout.archivesDir());
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here (needs root): " + out);
        mountPoint = dir;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor();
        }
    }

    @Resilience(item = ResilienceItem.DISK_FULL, what = "tar archive on a full disk", behaviour = "the heavy run fails; no partial archive left; the older archive is unchanged byte for byte")
    @Test
    void diskFullFailsCleanlyAndKeepsTheOlderArchiveByteForByte() throws IOException {
        fx.snapshot();
        TarResult older = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());
        assertThat(older.outcome()).as(older.message()).isEqualTo(StageOutcome.CREATED);
        byte[] olderBytes = Files.readAllBytes(older.file());
        FileTime olderTime = Files.getLastModifiedTime(older.file());
        // 4 MB of random data cannot be compressed into what is left of 1 MiB
        SourceTree.in(fx.src).randomFile("big/random.bin", 4 << 20, 3);
        fx.snapshotAfter(Duration.ofHours(5));

        TarResult r = fx.pipeline().tar(fx.layout, ZONE, new Cancellation());

        assertThat(r.outcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(r.message()).startsWith("disk full: ").contains("zstd exit").contains("No space left on device")
                .contains("older archives untouched");
        assertThat(fx.archivesDirListing()).containsExactly(older.file().getFileName().toString());
        assertThat(Files.readAllBytes(older.file())).isEqualTo(olderBytes);
        assertThat(Files.getLastModifiedTime(older.file())).isEqualTo(olderTime);
    }
}
