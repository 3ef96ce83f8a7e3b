package dev.pullback.snapshot;

import dev.pullback.host.Host;
import dev.pullback.host.SourceFolders;
import dev.pullback.transport.HostKey;
import dev.pullback.transport.KnownHosts;
import dev.pullback.transport.RsyncCommand;
import dev.pullback.transport.RsyncExit;
import dev.pullback.transport.RsyncPlan;
import dev.pullback.transport.RsyncRun;
import dev.pullback.transport.RsyncRunner;
import dev.pullback.transport.SshErrors;
import dev.pullback.transport.TransferCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one snapshot of one host, following the crash-safety rules of DESIGN.md §3: rsync into
 * a fresh {@code <name>.partial/} hardlinked against the newest complete snapshot; only a
 * successful run gets a marker, the final name and the {@code latest}/{@code current} links.
 * A failure leaves every older snapshot and both links exactly as they were.
 */
public final class SnapshotEngine {
    private static final Logger log = LoggerFactory.getLogger(SnapshotEngine.class);
    private static final int MAX_WARNINGS = 50;

    private final Clock clock;
    private final RsyncCommand command;
    private final RsyncRunner runner;
    private final SnapshotCatalog catalog;
    private final KnownHosts knownHosts;

    public SnapshotEngine(Clock clock, RsyncCommand command, RsyncRunner runner, SnapshotCatalog catalog) {
        this.clock = clock;
        this.command = command;
        this.runner = runner;
        this.catalog = catalog;
        this.knownHosts = new KnownHosts(command.knownHostsFile());
    }

    /**
     * Checks connectivity and shows what a snapshot would transfer (rsync --dry-run). Writes
     * nothing: no lock file, no directory.
     */
    public SnapshotResult dryRun(BackupLayout layout, SnapshotRequest req) throws IOException {
        String name = SnapshotName.of(clock.instant(), req.zone());
        Optional<BackupLayout.CompleteSnapshot> base = layout.linkBase();
        List<RsyncRun> runs = transfer(req, layout.partialDir(name), base, null, true);
        RsyncExit exit = worst(runs);
        Outcome outcome = exit == RsyncExit.FAILED ? Outcome.FAILED : exit == RsyncExit.PARTIAL ? Outcome.PARTIAL : Outcome.OK;
        return new SnapshotResult(outcome, name, layout.snapshotDir(name), null, dryRunMessage(req.host(), runs, exit), warnings(runs), runs);
    }

    /** The caller holds the host's lock for the whole call: that is what makes the steps safe. */
    public SnapshotResult snapshot(HostLock lock, SnapshotRequest req) throws IOException {
        if (!lock.isHeld() || req.dryRun()) {
            throw new IllegalStateException("a snapshot needs the host lock held and is never a dry run");
        }
        BackupLayout layout = lock.layout();
        Host host = req.host();
        Instant started = clock.instant();
        String name = SnapshotName.of(started, req.zone());
        Path finalDir = layout.snapshotDir(name);
        if (layout.isComplete(name)) {
            return SnapshotResult.of(Outcome.SKIPPED, name, finalDir, "snapshot " + name + " already exists and is complete");
        }
        if (Files.exists(finalDir, LinkOption.NOFOLLOW_LINKS)) {
            return SnapshotResult.of(Outcome.FAILED, name, finalDir, finalDir
                    + " exists without a completion marker (not made by pullback, or damaged); left untouched");
        }
        Optional<BackupLayout.CompleteSnapshot> base = layout.linkBase();
        List<Path> partials = layout.partials();
        Path reuse = partials.isEmpty() ? null : partials.getFirst();
        Path work = layout.partialDir(name);
        Files.createDirectories(layout.hourlyDir());
        Trash.purge(layout.hourlyDir());
        for (Path older : partials.subList(Math.min(1, partials.size()), partials.size())) {
            Trash.discard(older);
        }
        if (work.equals(reuse)) {
            // Never rsync into an old partial: its inodes may be shared with older snapshots.
            reuse = Files.move(work, layout.hourlyDir().resolve(name + "-" + System.nanoTime() + BackupLayout.PARTIAL),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createDirectories(work);

        List<RsyncRun> runs = transfer(req, work, base, reuse, false);
        RsyncExit exit = worst(runs);
        List<String> warnings = warnings(runs);
        boolean cancelled = runs.stream().anyMatch(RsyncRun::cancelled);
        if (cancelled) {
            Trash.discard(work);
            return new SnapshotResult(Outcome.CANCELLED, name, finalDir, null, "cancelled; partial output removed", warnings, runs);
        }
        if (exit == RsyncExit.FAILED || (exit == RsyncExit.PARTIAL && !host.acceptPartial())) {
            String kept = keepAsLinkSource(work, reuse, runs);
            String why = exit == RsyncExit.PARTIAL
                    ? "rsync could not transfer some files and this host does not accept partial snapshots"
                    : failure(host, runs);
            return new SnapshotResult(Outcome.FAILED, name, finalDir, null, why + "; " + kept, warnings, runs);
        }

        req.progress().committing();
        Marker marker = marker(host, name, started, base, runs, exit, warnings);
        Durable.syncFilesystem(work);
        MarkerFile.write(work.resolve(BackupLayout.MARKER), marker);
        Durable.fsync(work);
        Files.move(work, finalDir, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsync(layout.hourlyDir());
        swapLinks(layout, name);
        Durable.fsync(layout.hostDir());
        if (reuse != null) {
            Trash.discard(reuse);
        }
        try {
            catalog.recordSnapshot(host.name(), finalDir, marker);
        } catch (RuntimeException e) {
            log.warn("snapshot {}/{} is complete on disk but could not be recorded in the database "
                    + "(the host's next run or discovery will index it): {}", host.name(), name, e.toString());
        }
        Outcome outcome = exit == RsyncExit.PARTIAL ? Outcome.PARTIAL : Outcome.OK;
        String message = "snapshot " + name + " complete: " + marker.files() + " entries, " + marker.created()
                + " new, " + marker.updated() + " changed, " + marker.deleted() + " deleted, "
                + marker.newBytes() + " new bytes" + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)");
        return new SnapshotResult(outcome, name, finalDir, marker, message, warnings, runs);
    }

    /**
     * Where a source's folder is in the base snapshot. Snapshots pullback adopted from Backup
     * Manager (a marker that is not pullback's JSON) hold the host's {@code ~/} directly, not under
     * a folder: with a single source, the snapshot directory itself is the link base, so the first
     * pullback run after a migration transfers only the changes.
     */
    static Optional<Path> linkBase(BackupLayout.CompleteSnapshot base, String folder, int sources) {
        Path own = base.dir().resolve(folder);
        if (Files.isDirectory(own)) {
            return Optional.of(own);
        }
        if (base.marker().version() < Marker.VERSION && sources == 1) {
            return Optional.of(base.dir());
        }
        return Optional.empty();
    }

    /** One rsync per source path, each into its own folder; stops at the first hard failure. */
    private List<RsyncRun> transfer(SnapshotRequest req, Path work, Optional<BackupLayout.CompleteSnapshot> base,
                                    Path reuse, boolean dryRun) throws IOException {
        List<RsyncRun> runs = new ArrayList<>();
        for (String source : req.host().sources()) {
            String folder = SourceFolders.folderOf(source);
            Path dest = work.resolve(folder);
            if (!dryRun) {
                Files.createDirectories(dest);
            }
            List<Path> linkDests = new ArrayList<>();
            base.flatMap(b -> linkBase(b, folder, req.host().sources().size())).ifPresent(linkDests::add);
            Optional.ofNullable(reuse).map(r -> r.resolve(folder)).filter(Files::isDirectory).ifPresent(linkDests::add);
            RsyncPlan plan = command.plan(req.host(), source, dest, linkDests, dryRun);
            log.debug("{}: {}", req.host().name(), plan.display());
            RsyncRun run = runner.run(plan, req.progress(), req.cancel());
            runs.add(run);
            if (run.exit() == RsyncExit.FAILED) {
                break;
            }
        }
        return runs;
    }

    private static RsyncExit worst(List<RsyncRun> runs) {
        return runs.stream().map(RsyncRun::exit).reduce(RsyncExit.OK, RsyncExit::worst);
    }

    private Marker marker(Host host, String name, Instant started, Optional<BackupLayout.CompleteSnapshot> base,
                          List<RsyncRun> runs, RsyncExit exit, List<String> warnings) {
        List<Marker.SourceStats> sources = new ArrayList<>();
        TransferCounts total = TransferCounts.ZERO;
        long deleted = 0;
        int exitCode = 0;
        for (RsyncRun run : runs) {
            TransferCounts c = run.counts();
            String folder = run.plan().folder();
            // With --link-dest into an empty directory rsync reports no deletions; what the base had
            // and this tree lacks is: base entries - (entries - created).
            long gone = base.filter(b -> b.marker().hasSource(folder))
                    .map(b -> Math.max(0, b.marker().filesIn(folder) - (c.entries() - c.created())))
                    .orElse(0L);
            sources.add(new Marker.SourceStats(run.plan().source(), folder, run.exitCode(), c.entries(), c.created(),
                    c.updated(), gone, c.bytesTotal(), c.newBytes()));
            total = total.plus(c);
            deleted += gone;
            exitCode = Math.max(exitCode, run.exitCode());
        }
        return new Marker(Marker.VERSION, host.name(), name, exit == RsyncExit.PARTIAL ? Marker.PARTIAL : Marker.COMPLETE,
                started, clock.instant(), base.map(BackupLayout.CompleteSnapshot::name).orElse(null), exitCode,
                total.entries(), total.bytesTotal(), total.bytesTransferred(), total.created(), total.updated(), deleted,
                total.newBytes(), warnings, sources);
    }

    /**
     * After a failure, the new partial is kept as the next run's link source when it holds data,
     * unless the disk is full (then its space is needed back). Only the newest partial is kept.
     */
    private static String keepAsLinkSource(Path work, Path reuse, List<RsyncRun> runs) throws IOException {
        boolean diskFull = runs.stream().flatMap(r -> r.errors().stream()).anyMatch(l -> l.contains("No space left on device"));
        boolean hasData = runs.stream().anyMatch(r -> r.itemized() > 0);
        if (diskFull || !hasData) {
            Trash.discard(work);
            return diskFull ? "partial output removed to free space" : "nothing was written";
        }
        if (reuse != null) {
            Trash.discard(reuse);
        }
        return "partial data kept in " + work.getFileName() + " to speed up the next run (never listed as a snapshot)";
    }

    private static void swapLinks(BackupLayout layout, String name) throws IOException {
        Path target = Path.of("hourly", name);
        for (Path link : List.of(layout.latestLink(), layout.currentLink())) {
            if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
                // Backup Manager's old live mirror: a real directory, not ours to replace.
                log.warn("{} is a directory, not a symlink: left as it is", link);
                continue;
            }
            Durable.swapSymlink(link, target);
        }
    }

    private static List<String> warnings(List<RsyncRun> runs) {
        List<String> out = new ArrayList<>();
        for (RsyncRun run : runs) {
            if (run.exit() == RsyncExit.OK) {
                continue;
            }
            for (String line : run.errors()) {
                if (out.size() < MAX_WARNINGS && !line.isBlank()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /**
     * Names the host, the key pullback trusts and the one offered, and the way out. Nothing was
     * pulled: ssh refuses before rsync starts.
     */
    private String hostKeyChanged(Host host, List<String> errors) {
        String expected;
        try {
            expected = knownHosts.key(KnownHosts.alias(host)).map(HostKey::toString).orElse("(no key recorded)");
        } catch (IOException e) {
            expected = "(cannot read " + knownHosts.file() + ": " + e.getMessage() + ")";
        }
        return "host key changed for " + host.name() + ": pullback trusts " + expected + ", the host now offers "
                + SshErrors.offeredFingerprint(errors).orElse("a different key") + "; nothing was pulled. "
                + "If the change is expected (reinstalled host, new keys), accept the new key with: pullback host trust "
                + host.name();
    }

    private String failure(Host host, List<RsyncRun> runs) {
        RsyncRun failed = runs.stream().filter(r -> r.exit() == RsyncExit.FAILED).findFirst().orElse(runs.getLast());
        if (failed.stalled()) {
            return "the transfer made no progress and was stopped by the watchdog";
        }
        String code = "rsync exit " + failed.exitCode() + " (" + RsyncExit.describe(failed.exitCode()) + ")";
        if (SshErrors.hostKeyRejected(failed.errors())) {
            return hostKeyChanged(host, failed.errors()) + "; " + code;
        }
        // rsync reports an ssh connection failure as 255 or as 12, depending on which side notices first
        Optional<String> unreachable = failed.errors().stream().filter(l -> l.startsWith("ssh: ")).findFirst();
        if (unreachable.isPresent()) {
            return "cannot reach the host over ssh (" + unreachable.get().substring(5) + "); " + code;
        }
        String detail = failed.errors().stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        return code + (detail.isEmpty() ? "" : ": " + detail);
    }

    private String dryRunMessage(Host host, List<RsyncRun> runs, RsyncExit exit) {
        if (exit == RsyncExit.FAILED) {
            return "dry run failed: " + failure(host, runs);
        }
        long files = runs.stream().mapToLong(RsyncRun::itemized).sum();
        long bytes = runs.stream().mapToLong(r -> r.counts().newBytes()).sum();
        return "dry run ok: would transfer " + files + " new or changed entries, " + bytes + " bytes; nothing written";
    }
}
