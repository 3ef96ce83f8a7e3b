package dev.pullback.discovery;

import dev.pullback.InvalidInputException;
import dev.pullback.host.HostChanges;
import dev.pullback.host.HostService;
import dev.pullback.host.Transport;
import dev.pullback.job.RetentionService;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.BackupLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pullback adopt --from rsnapshot}: plans the adoption (printed for confirmation), then
 * applies it — hosts configured, the proposed policy set as each host's override, and an
 * {@code <host>/adopted-base} symlink to the point's newest rsnapshot snapshot so the first
 * pullback run hardlinks against it, and an {@code <host>/adopted-history} symlink to the
 * snapshot root, from which discovery indexes the whole history. Not one byte of the rsnapshot
 * history is copied, moved or changed, and retention never deletes any of it.
 */
public class AdoptService {
    private final HostService hosts;
    private final RetentionService retention;
    private final SettingsService settings;

    public AdoptService(HostService hosts, RetentionService retention, SettingsService settings) {
        this.hosts = hosts;
        this.retention = retention;
        this.settings = settings;
    }

    /** Exactly one of {@code config} (an rsnapshot.conf) and {@code root} (a snapshot_root) is given. */
    public RsnapshotAdoption plan(Path config, Path root) {
        if ((config == null) == (root == null)) {
            throw new InvalidInputException("config", "give either --config FILE or --root DIR");
        }
        if (root != null) {
            return RsnapshotAdoption.fromRoot(root);
        }
        try {
            return RsnapshotAdoption.fromConfig(RsnapshotConfig.parse(Files.readAllLines(config)));
        } catch (IOException e) {
            throw new InvalidInputException("config", "cannot read " + config + ": " + e.getMessage());
        }
    }

    /**
     * rsync-time-backup has no configuration to read: the (already configured) host's link base
     * becomes the newest complete dated directory under {@code root} (the one in progress, while
     * {@code backup.inprogress} exists, is skipped). Its directories hold the source's content
     * directly, as Backup Manager's do, so the host must have a single source.
     *
     * @return the directory the next run will hardlink against
     */
    public Path planRsyncTimeBackup(Path root, String host) {
        String name = hosts.get(dev.pullback.host.HostRules.name(host)).name();
        if (hosts.get(name).sources().size() != 1) {
            throw new InvalidInputException("host", name + " has several sources; an rsync-time-backup history holds one tree");
        }
        Path abs = root.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new InvalidInputException("root", "give the rsync-time-backup destination directory, not /");
        }
        HostScan scan = DiscoveryScanner.scanHost(DiscoveryScanner.root(abs.getParent()), abs.getFileName().toString(),
                settings.current().zone());
        if (scan.layout() != Layout.RSYNC_TIME_BACKUP || scan.complete().isEmpty()) {
            throw new InvalidInputException("root", root + " holds no complete rsync-time-backup snapshot (YYYY-MM-DD-HHMMSS beside backup.marker)");
        }
        return scan.complete().getLast().dir();
    }

    /**
     * Points the host's {@code adopted-base} at {@code base}, and its {@code adopted-history} at the
     * rsync-time-backup destination holding it (discovery indexes that history from there).
     */
    public String linkBase(String host, Path base) {
        String name = hosts.get(dev.pullback.host.HostRules.name(host)).name();
        Path root = backupRoot();
        BackupLayout layout = new BackupLayout(root, name);
        link(layout, layout.adoptedLink(), base);
        link(layout, layout.adoptedHistoryLink(), base.toAbsolutePath().getParent());
        return host + ": the next snapshot hardlinks against " + base;
    }

    private Path backupRoot() {
        Path root = settings.current().backupRoot();
        if (root == null || !Files.isDirectory(root)) {
            throw new InvalidInputException("backup-root", "configure an existing backup root first (configure-global --backup-root DIR)");
        }
        return root;
    }

    private static void link(BackupLayout layout, Path link, Path target) {
        try {
            Files.createDirectories(layout.hostDir());
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                throw new InvalidInputException("host", link + " exists and is not a symlink: left alone");
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link, e);
        }
    }

    /** @return one line per thing done */
    public List<String> apply(RsnapshotAdoption plan) {
        Path root = backupRoot();
        List<String> done = new ArrayList<>();
        for (RsnapshotAdoption.HostAdoption h : plan.hosts()) {
            boolean exists = hosts.list().stream().anyMatch(x -> x.name().equals(h.host()));
            hosts.configure(h.host(), new HostChanges(h.local() ? Transport.LOCAL : Transport.SSH, h.address(), h.user(), null, null,
                    h.sources(), h.excludes(), null, null, null, null, null, null, null, null, null));
            done.add((exists ? "updated host " : "created host ") + h.host());
            if (!plan.policy().isEmpty()) {
                retention.setOverride(h.host(), plan.policy());
                done.add(h.host() + ": retention policy set from rsnapshot's retain lines");
            }
            BackupLayout layout = new BackupLayout(root, h.host());
            if (h.linkBase() != null) {
                link(layout, layout.adoptedLink(), h.linkBase());
                done.add(h.host() + ": the next snapshot hardlinks against " + h.linkBase());
            }
            link(layout, layout.adoptedHistoryLink(), plan.snapshotRoot());
            done.add(h.host() + ": " + h.snapshots().size() + " rsnapshot snapshot(s) adopted in place: "
                    + layout.adoptedHistoryLink() + " -> " + plan.snapshotRoot() + " (indexed by discover-snapshots; never pruned)");
        }
        return done;
    }
}
