package dev.pullback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.Host;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.EngineFixture;
import dev.pullback.snapshot.Outcome;
import dev.pullback.snapshot.SnapshotResult;
import dev.pullback.testing.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Real snapshots (real rsync, through the engine) of a small home-like tree, and a heavy pipeline over them. */
final class HeavyFixture {
    static final ZoneId ZONE = ZoneOffset.UTC;

    final EngineFixture engine;
    final Path src;
    final Host host;
    final BackupLayout layout;
    HeavySettings settings = HeavySettings.defaults();

    HeavyFixture(Path tmp) {
        engine = new EngineFixture(tmp);
        src = SourceTree.in(tmp.resolve("src"))
                .file("docs/a.txt", "alpha")
                .file("docs/b.txt", "bravo")
                .file("bin/run.sh", "#!/bin/sh\necho hi\n")
                .mode("bin/run.sh", "rwxr-x---")
                .file("secret/key", "k")
                .mode("secret/key", "rw-------")
                .mode("secret", "rwx------")
                .randomFile("data/random.bin", 200_000, 11)
                .hardlink("data/random-twin.bin", "data/random.bin")
                .symlink("link-to-a", "docs/a.txt")
                .symlink("dangling", "/nonexistent/target")
                .symlink("escape", "../outside-the-tree")
                .dir("empty")
                .build();
        host = EngineFixture.localHost("web", src);
        layout = engine.layout(host);
    }

    HeavyPipeline pipeline() {
        return new HeavyPipeline(engine.clock, settings);
    }

    /** A new complete snapshot at the clock's time; returns its name. */
    String snapshot() {
        SnapshotResult r = engine.snapshot(host);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        return r.name();
    }

    /** Moves the clock and takes a snapshot then. */
    String snapshotAfter(Duration d) {
        engine.clock.advance(d);
        return snapshot();
    }

    void advance(Duration d) {
        engine.clock.advance(d);
    }

    Path snapshotDir(String name) {
        return layout.snapshotDir(name);
    }

    List<String> archiveNames() {
        try {
            return HostArchives.list(layout).stream().map(ArchiveFile::fileName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry name in archives/, partials included, sorted. */
    List<String> archivesDirListing() {
        return listing(layout.archivesDir());
    }

    static List<String> listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command, fails the test on a non-zero exit; returns stdout+stderr. */
    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Extracts an archive as root restores it: numeric owners, exact modes. tar detects the compression. */
    static Path extract(Path archive, Path into) {
        try {
            Files.createDirectories(into);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("tar", "--extract", "--file=" + archive, "--directory=" + into, "--numeric-owner",
                "--preserve-permissions", "--acls", "--xattrs");
        return into;
    }
}
