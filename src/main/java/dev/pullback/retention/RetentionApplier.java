package dev.pullback.retention;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Durable;
import dev.pullback.snapshot.HostLock;
import dev.pullback.snapshot.Trash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link RetentionPlan} on disk (DESIGN.md §4). The caller holds the host lock.
 *
 * <p>Removal is two steps. First, oldest first, each planned snapshot is renamed from
 * {@code hourly/<name>} to {@code hourly/.trash-<name>-<nanos>}: one atomic rename, after which
 * it is gone from listings, from discovery and from what {@code latest} may point to; the rename
 * is fsynced and then reported to the {@link RemovalListener} (the SQL index). Second, the trash
 * is deleted, either now or, with {@link Deletion#LATER}, by the caller in the background
 * through {@link #deleteTrash} (no lock needed: nothing else touches a trash entry). A deletion
 * that was interrupted (crash, kill, power cut) leaves a {@code .trash-*} entry that the next
 * apply finishes (or hands back); the snapshot engine purges leftovers too.
 *
 * <p>A plan may be stale. Apply re-checks each removal against the disk and skips, with the
 * reason, a snapshot that is gone, whose marker changed, that is now the newest complete one,
 * that {@code latest} or {@code current} points to, or whose removal would leave fewer than the
 * policy's min-keep. It never removes more than the plan's max-delete.
 */
public final class RetentionApplier {
    private static final Logger log = LoggerFactory.getLogger(RetentionApplier.class);
    /** Threads deleting with {@link Deletion#NOW}: someone waits, so use a few cores. */
    static final int NOW_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** When the trash is deleted. */
    public enum Deletion {
        /** Before {@link #apply} returns, with up to 4 threads (for a caller that waits, e.g. the CLI). */
        NOW,
        /**
         * By the caller, later, with {@link #deleteTrash} (one thread, gentle beside running
         * backups); {@link ApplyResult#trash()} lists what to delete. For the server and the scheduler.
         */
        LATER
    }

    /** Told of each snapshot as soon as its removal is on disk, e.g. to delete its SQL row. */
    @FunctionalInterface
    public interface RemovalListener {
        RemovalListener NONE = (host, name) -> { };

        void removed(String host, String name);
    }

    private RetentionApplier() {
    }

    /**
     * @param lock     the host's lock, held by the caller for the whole call
     * @param plan     a plan for {@code lock.layout().host()}, ideally made under the same lock
     * @param deletion delete the trash now, or hand it back
     * @param listener told of each removal (its exceptions are reported as failures, not thrown)
     * @throws IOException when the host's directory cannot be listed at all
     */
    public static ApplyResult apply(HostLock lock, RetentionPlan plan, Deletion deletion, RemovalListener listener)
            throws IOException {
        BackupLayout layout = lock.layout();
        if (!lock.isHeld()) {
            throw new IllegalStateException("retention apply needs the host lock held");
        }
        if (!plan.host().equals(layout.host())) {
            throw new IllegalArgumentException("a plan for host " + plan.host() + " cannot be applied to host " + layout.host());
        }
        String host = layout.host();
        Path hourly = layout.hourlyDir();
        if (plan.holdOverridden() && !plan.toRemove().isEmpty()) {
            log.warn("{}: pruning despite {} (explicit override)", host, String.join("; ", plan.holds()));
        }
        List<ApplyResult.Failure> failures = new ArrayList<>();
        List<ApplyResult.Skip> skipped = new ArrayList<>();
        List<ApplyResult.Removal> removed = new ArrayList<>();
        List<Path> trash = new ArrayList<>();
        List<Path> purged = new ArrayList<>();

        for (Path leftover : Trash.leftovers(hourly)) {
            if (deletion == Deletion.LATER) {
                trash.add(leftover);
            } else if (delete(leftover, NOW_THREADS, failures)) {
                purged.add(leftover);
            }
        }
        if (!purged.isEmpty()) {
            log.info("{}: finished {} interrupted deletion(s): {}", host, purged.size(), purged);
        }

        List<BackupLayout.CompleteSnapshot> onDisk = layout.completeSnapshots();
        Map<String, BackupLayout.CompleteSnapshot> byName = new HashMap<>();
        onDisk.forEach(c -> byName.put(c.name(), c));
        String newestOnDisk = onDisk.isEmpty() ? null : onDisk.getLast().name();
        int remaining = onDisk.size();
        int bound = plan.maxDelete() == null ? Integer.MAX_VALUE : plan.maxDelete();
        List<String> deferred = new ArrayList<>(plan.deferred().stream().map(RetentionPlan.Entry::name).toList());

        List<Path> fresh = new ArrayList<>();
        for (RetentionPlan.Entry e : plan.toRemove()) {
            String name = e.name();
            if (removed.size() >= bound) {
                deferred.add(name);
                continue;
            }
            String refusal = refusal(layout, e, byName.get(name), newestOnDisk, remaining, plan.policy().minKeep());
            if (refusal != null) {
                skipped.add(new ApplyResult.Skip(name, refusal));
                log.info("{}: not removing snapshot {}: {}", host, name, refusal);
                continue;
            }
            Path moved;
            try {
                moved = Trash.moveToTrash(layout.snapshotDir(name));
            } catch (IOException ex) {
                failures.add(new ApplyResult.Failure(name, "cannot move " + layout.snapshotDir(name) + " to trash: " + ex));
                continue;
            }
            try {
                Durable.fsync(hourly);
            } catch (IOException ex) {
                // the rename happened; only its durability across a power cut is in doubt
                log.warn("{}: cannot fsync {} after removing {}: {}", host, hourly, name, ex.toString());
            }
            remaining--;
            removed.add(new ApplyResult.Removal(name, moved));
            fresh.add(moved);
            log.info("{}: removed snapshot {} ({})", host, name, String.join("; ", e.reasons()));
            try {
                listener.removed(host, name);
            } catch (RuntimeException ex) {
                failures.add(new ApplyResult.Failure(name, "removed from disk, but recording the removal failed "
                        + "(discovery will correct the index): " + ex));
            }
        }

        if (deletion == Deletion.NOW) {
            for (Path p : fresh) {
                if (!delete(p, NOW_THREADS, failures)) {
                    trash.add(p);
                }
            }
            // leftovers whose deletion failed stay on disk too
            for (Path p : Trash.leftovers(hourly)) {
                if (!trash.contains(p) && !fresh.contains(p)) {
                    trash.add(p);
                }
            }
        } else {
            trash.addAll(fresh);
        }
        return new ApplyResult(host, removed, deferred, skipped, failures, trash, purged);
    }

    /**
     * Deletes trash entries handed back by {@link #apply} with {@link Deletion#LATER}; meant for a
     * background thread, without the host lock. Returns what failed (left for the next apply).
     */
    public static List<ApplyResult.Failure> deleteTrash(List<Path> trash) {
        List<ApplyResult.Failure> failures = new ArrayList<>();
        for (Path p : trash) {
            delete(p, 1, failures);
        }
        return failures;
    }

    private static boolean delete(Path trash, int threads, List<ApplyResult.Failure> failures) {
        try {
            Trash.delete(trash, threads);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete {} (the next apply or snapshot retries): {}", trash, e.toString());
            failures.add(new ApplyResult.Failure(trash.getFileName().toString(),
                    "cannot delete " + trash + " (the next apply retries): " + e));
            return false;
        }
    }

    /** Why a planned removal must not happen now, or null when it may. */
    private static String refusal(BackupLayout layout, RetentionPlan.Entry e, BackupLayout.CompleteSnapshot onDisk,
                                  String newestOnDisk, int remaining, int minKeep) {
        if (onDisk == null) {
            return "no longer a complete snapshot on disk";
        }
        if (!SnapshotInfo.timeOf(onDisk.marker()).equals(e.time())) {
            return "its marker changed since the plan (taken " + SnapshotInfo.timeOf(onDisk.marker())
                    + ", planned for " + e.time() + ")";
        }
        if (e.name().equals(newestOnDisk)) {
            return "it is now the newest complete snapshot";
        }
        for (Path link : List.of(layout.latestLink(), layout.currentLink())) {
            if (pointsTo(link, layout.snapshotDir(e.name()))) {
                return link.getFileName() + " points to it";
            }
        }
        if (remaining - 1 < minKeep) {
            return "removing it would leave fewer than " + minKeep + " snapshot(s)";
        }
        return null;
    }

    /** Whether the symlink {@code link} resolves to {@code dir} (by name, or as the same directory). */
    static boolean pointsTo(Path link, Path dir) {
        if (!Files.isSymbolicLink(link)) {
            return false;
        }
        try {
            Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            if (target.equals(dir.normalize())) {
                return true;
            }
            return Files.exists(link) && Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(link, dir);
        } catch (IOException e) {
            return true; // cannot tell: do not remove it
        }
    }
}
