package dev.pullback.retention;

import static dev.pullback.testing.BackupAssertions.assertLatestIs;
import static dev.pullback.testing.BackupAssertions.content;
import static dev.pullback.testing.BackupAssertions.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.host.Host;
import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Durable;
import dev.pullback.snapshot.EngineFixture;
import dev.pullback.snapshot.HostLock;
import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.MarkerFile;
import dev.pullback.snapshot.Outcome;
import dev.pullback.snapshot.Trash;
import dev.pullback.testing.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply on real snapshots made by the real engine (real rsync, hardlinked trees). */
class RetentionApplierTest {
    @TempDir
    Path tmp;

    EngineFixture fx;
    Host host;
    BackupLayout layout;
    Path src;
    Path outside;
    List<String> names = new ArrayList<>();
    List<String> reported = new CopyOnWriteArrayList<>();
    RetentionApplier.RemovalListener listener = (h, name) -> reported.add(h + "/" + name);

    /** Made once by the real engine; each test gets a copy ({@code cp -a} keeps hardlinks, modes and symlinks). */
    static Path pristine;
    static Instant pristineClock;

    @BeforeAll
    static void fiveSnapshotsByTheEngine(@TempDir Path shared) {
        EngineFixture engine = new EngineFixture(shared);
        Path outside = outsideTree(shared);
        Path source = sourceTree(shared, outside);
        Host h = EngineFixture.localHost("web", source);
        for (int i = 0; i < 5; i++) {
            if (i > 0) {
                engine.nextHour();
                SourceTree.modify(source.resolve("docs/a.txt"), "alpha " + i);
            }
            assertThat(engine.snapshot(h).outcome()).isEqualTo(Outcome.OK);
        }
        pristine = shared;
        pristineClock = engine.clock.instant();
    }

    static Path outsideTree(Path dir) {
        return SourceTree.in(dir.resolve("outside"))
                .file("target.txt", "must survive")
                .file("dir/secret.txt", "must survive too")
                .build();
    }

    static Path sourceTree(Path dir, Path outside) {
        return SourceTree.in(dir.resolve("src"))
                .file("docs/a.txt", "alpha")
                .randomFile("data/big.bin", 200_000, 3)
                .file("ro/inner/file.txt", "read-only inside")
                .file("ro-file.txt", "read-only file")
                .symlink("link-out", outside.resolve("target.txt").toString())
                .symlink("link-out-dir", outside.resolve("dir").toString())
                .mode("ro-file.txt", "r--r--r--")
                .mode("ro/inner", "r-xr-xr-x")
                .mode("ro", "r-xr-xr-x")
                .build();
    }

    @BeforeEach
    void copyOfTheSnapshots() throws Exception {
        Path work = tmp.resolve("work");
        Process cp = new ProcessBuilder("cp", "-a", pristine.toString(), work.toString()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        fx = new EngineFixture(work.resolve("root"), work.resolve("data"));
        fx.clock.set(pristineClock);
        // the symlinks in the snapshots point at the pristine outside tree: that is the one that must survive
        outside = pristine.resolve("outside");
        src = pristine.resolve("src");
        host = EngineFixture.localHost("web", src);
        layout = fx.layout(host);
        layout.completeSnapshots().forEach(c -> names.add(c.name()));
        assertThat(names).containsExactly("2026-03-06_0800", "2026-03-06_0900", "2026-03-06_1000", "2026-03-06_1100",
                "2026-03-06_1200");
        // the read-only parts really are read-only in the snapshots, and unchanged files are hardlinked
        Path ro = data(names.getFirst()).resolve("ro");
        assertThat(Files.getPosixFilePermissions(ro)).doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(SourceTree.inode(data(names.getFirst()).resolve("data/big.bin")))
                .isEqualTo(SourceTree.inode(data(names.getLast()).resolve("data/big.bin")));
    }

    Path data(String name) {
        return layout.snapshotDir(name).resolve(src.toString().substring(1));
    }

    RetentionPlan plan(RetentionPolicy policy, Guards guards) {
        return RetentionPlanner.plan("web", SnapshotInfo.of(layout.completeSnapshots()), policy, guards,
                fx.clock.instant(), ZoneOffset.UTC);
    }

    ApplyResult apply(RetentionPlan plan, RetentionApplier.Deletion deletion) throws IOException {
        try (HostLock lock = HostLock.acquire(layout, "test retention", fx.clock.instant())) {
            return RetentionApplier.apply(lock, plan, deletion, listener);
        }
    }

    Map<String, Map<String, String>> identities(List<String> which) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        which.forEach(n -> out.put(n, identity(layout.snapshotDir(n))));
        return out;
    }

    List<Path> trashIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(BackupLayout.TRASH)).toList();
        }
    }

    static RetentionPolicy keepLast(int n, int minKeep) {
        return new RetentionPolicy(n, 0, 0, 0, 0, 0, minKeep);
    }

    @Test
    void removesThePlannedSnapshotsOldestFirstAndLeavesEverythingElseAsItWas() throws IOException {
        List<String> kept = names.subList(3, 5);
        Map<String, Map<String, String>> before = identities(kept);
        Map<String, String> keptContent = content(data(names.getLast()));
        Map<String, String> outsideBefore = content(outside);

        RetentionPlan plan = plan(keepLast(2, 1), Guards.none());
        ApplyResult r = apply(plan, RetentionApplier.Deletion.NOW);

        assertThat(r.removedNames()).containsExactly(names.get(0), names.get(1), names.get(2));
        assertThat(reported).containsExactly("web/" + names.get(0), "web/" + names.get(1), "web/" + names.get(2));
        assertThat(r.failures()).isEmpty();
        assertThat(r.skipped()).isEmpty();
        assertThat(r.trash()).isEmpty();
        assertThat(r.summary()).isEqualTo("removed 3, deferred 0, skipped 0, failed 0");
        for (String gone : names.subList(0, 3)) {
            assertThat(layout.snapshotDir(gone)).doesNotExist();
        }
        assertThat(trashIn(layout.hourlyDir())).as("no trash left").isEmpty();
        assertThat(layout.completeSnapshots()).extracting(BackupLayout.CompleteSnapshot::name).containsExactlyElementsOf(kept);
        // kept snapshots: same inodes, sizes, hashes, modes, mtimes; same content
        assertThat(identities(kept)).isEqualTo(before);
        assertThat(content(data(names.getLast()))).isEqualTo(keptContent);
        assertLatestIs(layout, names.getLast());
        // the symlinks inside the removed trees were unlinked, not followed
        assertThat(content(outside)).isEqualTo(outsideBefore);
        assertThat(Files.readString(outside.resolve("target.txt"))).isEqualTo("must survive");
        assertThat(Files.isSymbolicLink(data(names.getLast()).resolve("link-out-dir"))).isTrue();
    }

    @Test
    void deletionLaterHandsBackTrashThatIsAlreadyInvisible() throws IOException {
        ApplyResult r = apply(plan(keepLast(2, 1), Guards.none()), RetentionApplier.Deletion.LATER);

        assertThat(r.removedNames()).hasSize(3);
        assertThat(r.trash()).hasSize(3).allSatisfy(p -> {
            assertThat(p.getParent()).isEqualTo(layout.hourlyDir());
            assertThat(p.getFileName().toString()).startsWith(BackupLayout.TRASH);
            assertThat(p).isDirectory();
        });
        assertThat(r.removed()).extracting(ApplyResult.Removal::trash).containsExactlyElementsOf(r.trash());
        // gone from listings and latest while the trash still waits
        assertThat(layout.completeSnapshots()).extracting(BackupLayout.CompleteSnapshot::name)
                .containsExactlyElementsOf(names.subList(3, 5));
        assertLatestIs(layout, names.getLast());
        // no lock needed to delete the trash
        assertThat(RetentionApplier.deleteTrash(r.trash())).isEmpty();
        assertThat(trashIn(layout.hourlyDir())).isEmpty();
    }

    @Test
    void anInterruptedDeletionIsFinishedByTheNextApply() throws IOException {
        // a deletion killed half-way: renamed to trash, part of its tree already unlinked
        Path trash = Trash.moveToTrash(layout.snapshotDir(names.getFirst()));
        Path half = trash.resolve(src.toString().substring(1));
        Files.delete(half.resolve("docs/a.txt"));
        Files.delete(half.resolve("data/big.bin"));
        assertThat(half.resolve("ro/inner/file.txt")).exists();

        ApplyResult r = apply(plan(keepLast(10, 1), Guards.none()), RetentionApplier.Deletion.NOW);

        assertThat(r.removed()).isEmpty();
        assertThat(r.purged()).containsExactly(trash);
        assertThat(trash).doesNotExist();
        assertThat(trashIn(layout.hourlyDir())).isEmpty();

        // with deletion later, leftovers are handed back with the rest
        Path again = Trash.moveToTrash(layout.snapshotDir(names.get(1)));
        ApplyResult later = apply(plan(keepLast(2, 1), Guards.none()), RetentionApplier.Deletion.LATER);
        assertThat(later.removedNames()).containsExactly(names.get(2));
        assertThat(later.trash()).contains(again).hasSize(2);
        assertThat(RetentionApplier.deleteTrash(later.trash())).isEmpty();
        assertThat(trashIn(layout.hourlyDir())).isEmpty();
    }

    @Test
    void aStalePlanIsCheckedAgainstTheDiskAtApplyTime() throws IOException {
        RetentionPlan plan = plan(keepLast(1, 1), Guards.none());
        assertThat(plan.toRemove()).hasSize(4);
        // since the plan: one snapshot went, one got a different marker, latest/current moved back
        Trash.discard(layout.snapshotDir(names.get(0)));
        Path markerFile = layout.snapshotDir(names.get(1)).resolve(BackupLayout.MARKER);
        Marker m = MarkerFile.read(markerFile, "web", names.get(1));
        MarkerFile.write(markerFile, new Marker(m.version(), m.host(), m.name(), m.status(), m.started().plusSeconds(1),
                m.finished(), m.base(), m.rsyncExitCode(), m.files(), m.bytes(), m.transferred(), m.created(), m.updated(),
                m.deleted(), m.newBytes(), m.warnings(), m.sources()));
        Durable.swapSymlink(layout.latestLink(), Path.of("hourly", names.get(2)));
        Durable.swapSymlink(layout.currentLink(), Path.of("hourly", names.get(3)));

        ApplyResult r = apply(plan, RetentionApplier.Deletion.NOW);

        assertThat(r.removed()).isEmpty();
        assertThat(r.skipped()).containsExactly(
                new ApplyResult.Skip(names.get(0), "no longer a complete snapshot on disk"),
                new ApplyResult.Skip(names.get(1), "its marker changed since the plan (taken 2026-03-06T09:00:01Z, "
                        + "planned for 2026-03-06T09:00:00Z)"),
                new ApplyResult.Skip(names.get(2), "latest points to it"),
                new ApplyResult.Skip(names.get(3), "current points to it"));
        for (String n : names.subList(1, 5)) {
            assertThat(layout.snapshotDir(n)).isDirectory();
        }
        assertThat(reported).isEmpty();
    }

    RetentionPlan removeAll(RetentionPolicy policy, Integer maxDelete) {
        List<RetentionPlan.Entry> entries = new ArrayList<>();
        for (BackupLayout.CompleteSnapshot c : layout.completeSnapshots()) {
            entries.add(new RetentionPlan.Entry(c.name(), c.marker().started(), Decision.REMOVE, List.of("test")));
        }
        return new RetentionPlan("web", fx.clock.instant(), ZoneOffset.UTC, policy, entries, List.of(), false, maxDelete);
    }

    @Test
    void evenAPlanThatSaysRemoveEverythingKeepsTheNewestLatestAndTheMinimumCount() throws IOException {
        Durable.swapSymlink(layout.latestLink(), Path.of("hourly", names.get(2)));
        Durable.swapSymlink(layout.currentLink(), Path.of("hourly", names.get(2)));

        ApplyResult r = apply(removeAll(keepLast(1, 3), null), RetentionApplier.Deletion.NOW);

        assertThat(r.removedNames()).containsExactly(names.get(0), names.get(1));
        assertThat(r.skipped()).containsExactly(
                new ApplyResult.Skip(names.get(2), "latest points to it"),
                new ApplyResult.Skip(names.get(3), "removing it would leave fewer than 3 snapshot(s)"),
                new ApplyResult.Skip(names.get(4), "it is now the newest complete snapshot"));
        assertThat(layout.completeSnapshots()).hasSize(3);
    }

    @Test
    void applyRemovesAtMostMaxDeleteWhateverThePlanHolds() throws IOException {
        ApplyResult r = apply(removeAll(keepLast(1, 1), 1), RetentionApplier.Deletion.NOW);

        assertThat(r.removedNames()).containsExactly(names.get(0));
        assertThat(r.deferred()).containsExactly(names.get(1), names.get(2), names.get(3), names.get(4));

        RetentionPlan planned = plan(keepLast(1, 1), Guards.none().maxDelete(2));
        ApplyResult second = apply(planned, RetentionApplier.Deletion.NOW);
        assertThat(second.removedNames()).containsExactly(names.get(1), names.get(2));
        assertThat(second.deferred()).containsExactly(names.get(3));
    }

    @Test
    void aHeldPlanRemovesNothing() throws IOException {
        RetentionPlan plan = plan(keepLast(1, 1), Guards.none().lastRunFailed(true));

        ApplyResult r = apply(plan, RetentionApplier.Deletion.NOW);

        assertThat(r.removed()).isEmpty();
        assertThat(layout.completeSnapshots()).hasSize(5);
    }

    @Test
    void aListenerThatFailsIsReportedAndTheRemovalStands() throws IOException {
        listener = (h, name) -> {
            throw new IllegalStateException("database down");
        };

        ApplyResult r = apply(plan(keepLast(4, 1), Guards.none()), RetentionApplier.Deletion.NOW);

        assertThat(r.removedNames()).containsExactly(names.getFirst());
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo(names.getFirst());
            assertThat(f.message()).contains("removed from disk, but recording the removal failed", "database down");
        });
        assertThat(layout.snapshotDir(names.getFirst())).doesNotExist();
    }

    @Test
    void aSymlinkInPlaceOfASnapshotIsNeverFollowed() throws IOException {
        // someone replaced a snapshot directory by a symlink to data outside the tree
        Path victim = layout.snapshotDir(names.getFirst());
        outside = outsideTree(tmp);
        Files.writeString(outside.resolve("dir").resolve(BackupLayout.MARKER), "{}");
        Trash.discard(victim);
        Files.createSymbolicLink(victim, outside.resolve("dir"));
        List<RetentionPlan.Entry> entries = List.of(new RetentionPlan.Entry(names.getFirst(), Instant.parse("2026-03-06T08:00:00Z"),
                Decision.REMOVE, List.of("test")));
        RetentionPlan plan = new RetentionPlan("web", fx.clock.instant(), ZoneOffset.UTC, keepLast(1, 1), entries, List.of(),
                false, null);

        ApplyResult r = apply(plan, RetentionApplier.Deletion.NOW);

        assertThat(r.removed()).isEmpty();
        assertThat(r.skipped()).extracting(ApplyResult.Skip::reason).containsExactly("no longer a complete snapshot on disk");
        assertThat(outside.resolve("dir/secret.txt")).hasContent("must survive too");
        assertThat(Files.isSymbolicLink(victim)).isTrue();
    }

    @Test
    void refusesAnotherHostsPlanAndALockThatIsNotHeld() throws IOException {
        RetentionPlan plan = plan(keepLast(1, 1), Guards.none());
        RetentionPlan other = new RetentionPlan("db", plan.now(), plan.zone(), plan.policy(), plan.entries(), plan.holds(),
                false, null);
        try (HostLock lock = HostLock.acquire(layout, "test", fx.clock.instant())) {
            assertThatThrownBy(() -> RetentionApplier.apply(lock, other, RetentionApplier.Deletion.NOW, listener))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host db cannot be applied to host web");
        }
        HostLock released = HostLock.acquire(layout, "test", fx.clock.instant());
        released.close();
        assertThatThrownBy(() -> RetentionApplier.apply(released, plan, RetentionApplier.Deletion.NOW, listener))
                .isInstanceOf(IllegalStateException.class);
        assertThat(layout.completeSnapshots()).hasSize(5);
        assertThat(Files.exists(layout.latestLink(), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
