package dev.pullback.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pullback.testing.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deleting trash: read-only content, symlinks never followed, two deleters at once, leftovers; one thread and several. */
class TrashTest {
    static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    /** A snapshot-like tree with everything that makes deleting hard for an ordinary user. */
    static Path hostileTree(Path dir, Path outside) {
        SourceTree.in(dir)
                .file("plain.txt", "x")
                .file("ro-file.txt", "read-only")
                .file("ro/a.txt", "in a read-only dir")
                .file("ro/deeper/b.txt", "deeper")
                .file("closed/c.txt", "in a mode-000 dir")
                .file("writeonly/d.txt", "in a -wx dir")
                .dir("empty-ro")
                .symlink("link-to-outside-dir", outside.toString())
                .symlink("link-to-outside-file", outside.resolve("keep.txt").toString())
                .symlink("dangling", "/nonexistent/target")
                .mode("ro-file.txt", "r--r--r--")
                .mode("ro/deeper", "r-xr-xr-x")
                .mode("ro", "r-xr-xr-x")
                .mode("closed", "---------")
                .mode("writeonly", "-wx------")
                .mode("empty-ro", "r-x------");
        return dir;
    }

    Path outside() {
        return SourceTree.in(tmp.resolve("outside")).file("keep.txt", "must survive").file("sub/also.txt", "too").build();
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 3})
    void deletesATreeWithReadOnlyPartsAndNeverFollowsASymlink(int threads) throws IOException {
        Path outside = outside();
        Path hourly = Files.createDirectories(tmp.resolve("hourly"));
        Path tree = hostileTree(hourly.resolve("2026-03-06_0800"), outside);

        Path trash = Trash.moveToTrash(tree);
        Trash.delete(trash, threads);

        assertThat(trash).doesNotExist();
        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("must survive");
        assertThat(outside.resolve("sub/also.txt")).hasContent("too");
        assertThat(Trash.leftovers(hourly)).isEmpty();
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 3})
    void deletesReadOnlyTreesAsAnOrdinaryUser(int threads) throws Exception {
        boolean root = ((Integer) Files.getAttribute(tmp, "unix:uid")) == 0;
        assumeTrue(root, "runs as root to switch to an ordinary user; as an ordinary user the test above covers it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path outside = outside();
        Path hourly = Files.createDirectories(tmp.resolve("hourly"));
        Path trash = Trash.moveToTrash(hostileTree(hourly.resolve("2026-03-06_0800"), outside));
        chownNobody(tmp);

        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TrashDeleteMain.class.getName(), trash.toString(),
                Integer.toString(threads))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(trash).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("must survive");
        assertThat(outside.resolve("sub/also.txt")).hasContent("too");
    }

    private static void chownNobody(Path dir) throws Exception {
        Process chown = new ProcessBuilder("chown", "-R", "-h", NOBODY + ":" + NOBODY, dir.toString()).inheritIO().start();
        assertThat(chown.waitFor()).isZero();
    }

    @ParameterizedTest(name = "{0} thread(s) each")
    @ValueSource(ints = {1, 2})
    void twoDeletersOfTheSameTreeBothFinish(int threads) throws Exception {
        Path hourly = Files.createDirectories(tmp.resolve("hourly"));
        SourceTree t = SourceTree.in(hourly.resolve("big"));
        for (int d = 0; d < 40; d++) {
            for (int f = 0; f < 100; f++) {
                t.file("d" + d + "/f" + f, "x");
            }
        }
        Path trash = Trash.moveToTrash(hourly.resolve("big"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    Trash.deleteTree(trash, threads);
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(trash).doesNotExist();
    }

    @Test
    void leftoversAreTheTrashEntriesOnlyAndDeleteRefusesAnythingElse() throws IOException {
        Path hourly = Files.createDirectories(tmp.resolve("hourly"));
        Files.createDirectories(hourly.resolve("2026-03-06_0800"));
        Files.createDirectories(hourly.resolve("2026-03-06_0900.partial"));
        Path a = Files.createDirectories(hourly.resolve(".trash-2026-03-06_0700-1"));
        Path b = Files.createSymbolicLink(hourly.resolve(".trash-x-2"), tmp);

        assertThat(Trash.leftovers(hourly)).containsExactly(a, b);
        assertThatThrownBy(() -> Trash.delete(hourly.resolve("2026-03-06_0800")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a trash entry");

        Trash.purge(hourly);

        assertThat(Trash.leftovers(hourly)).isEmpty();
        assertThat(Files.exists(b, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(tmp).isDirectory();
        assertThat(hourly.resolve("2026-03-06_0800")).isDirectory();
        assertThat(hourly.resolve("2026-03-06_0900.partial")).isDirectory();
        // an entry already gone is not an error
        Trash.delete(hourly.resolve(".trash-never-existed-3"));
    }
}
