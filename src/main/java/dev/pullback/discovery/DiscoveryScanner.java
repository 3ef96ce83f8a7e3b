package dev.pullback.discovery;

import dev.pullback.snapshot.BackupLayout;
import dev.pullback.snapshot.Marker;
import dev.pullback.snapshot.MarkerFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preflight: looks at the backup root and each host's directory and says what it found and,
 * when there is nothing, why. It reads directory names, markers and top-level metadata only —
 * never the snapshot trees — so its cost grows with the number of snapshots, not of files.
 */
public final class DiscoveryScanner {
    private static final Pattern RTB_NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{6}");
    private static final DateTimeFormatter RTB_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd-HHmmss", Locale.ROOT);
    /** {@code <interval>.<n>}; rsnapshot's {@code _delete.<pid>} (a tree being removed) does not match. */
    private static final Pattern RSNAPSHOT_NAME = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*)\\.(\\d+)");
    private static final int LIST_AT_MOST = 20;

    private DiscoveryScanner() {
    }

    /** @param hosts the hosts to look for (validated names); the root alone when empty */
    public static Preflight preflight(Path root, List<String> hosts, Instant now) {
        return preflight(root, hosts, now, ZoneOffset.UTC);
    }

    /** @param zone the zone rsync-time-backup's directory names are in (its script names them in local time) */
    public static Preflight preflight(Path root, List<String> hosts, Instant now, ZoneId zone) {
        RootReport r = root(root);
        List<String> warnings = new ArrayList<>();
        if (root == null) {
            warnings.add("no backup root is configured: pullback configure-global --backup-root DIR");
        } else if (!r.exists()) {
            warnings.add("the backup root " + root + " does not exist: is the backup drive mounted?");
        } else if (!r.directory()) {
            warnings.add("the backup root " + root + " is not a directory");
        } else {
            if (!r.writable()) {
                warnings.add("the backup root " + root + " is not writable by this user: backups will fail");
            }
            if (r.totalBytes() > 0 && r.freeBytes() >= 0 && r.freeBytes() * 20 < r.totalBytes()) {
                warnings.add("the backup root is almost full: " + human(r.freeBytes()) + " free of " + human(r.totalBytes()));
            }
            if (r.totalInodes() > 0 && r.freeInodes() >= 0 && r.freeInodes() * 100 < r.totalInodes()) {
                warnings.add("the backup root's file system is almost out of inodes: " + r.freeInodes() + " free");
            }
        }
        List<HostScan> scans = hosts.stream().map(h -> scanHost(r, h, zone)).toList();
        return new Preflight(now, r, scans, warnings);
    }

    /** The root's state; never throws. */
    public static RootReport root(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
            return new RootReport(root, false, false, false, false, -1, -1, -1, -1, List.of());
        }
        boolean dir = Files.isDirectory(root);
        if (!dir) {
            return new RootReport(root, true, false, false, false, -1, -1, -1, -1, List.of());
        }
        long free = -1;
        long total = -1;
        try {
            FileStore store = Files.getFileStore(root);
            free = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException e) {
            // stays unknown
        }
        long[] inodes = inodes(root);
        return new RootReport(root, true, true, mountPoint(root), Files.isWritable(root), free, total, inodes[0], inodes[1],
                directories(root));
    }

    /** One host's directory under the root. */
    public static HostScan scanHost(RootReport root, String host) {
        return scanHost(root, host, ZoneOffset.UTC);
    }

    /** One host's directory under the root, with the foreign history it adopted (if any). */
    public static HostScan scanHost(RootReport root, String host, ZoneId zone) {
        if (!root.usable()) {
            Path dir = root.root() == null ? null : root.root().resolve(host);
            String why = root.root() == null ? "no backup root is configured"
                    : "the backup root " + root.root() + (root.exists() ? " is not a directory" : " is missing (is the backup drive mounted?)");
            return new HostScan(host, dir, HostScan.DirState.MISSING, Layout.NONE, Layout.NONE, List.of(), List.of("no snapshots: " + why));
        }
        Path dir = root.root().resolve(host);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            List<String> warnings = new ArrayList<>();
            StringBuilder w = new StringBuilder("no snapshots: the host directory " + dir + " does not exist");
            List<String> near = nearMisses(host, root.directories());
            if (!near.isEmpty()) {
                w.append("; did you mean ").append(String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()))
                        .append("? (host names must match the directory names exactly)");
            }
            warnings.add(w.toString());
            warnings.add(root.directories().isEmpty() ? "the backup root " + root.root() + " holds no directories at all"
                    : "directories under " + root.root() + ": " + listed(root.directories()));
            return new HostScan(host, dir, HostScan.DirState.MISSING, Layout.NONE, Layout.NONE, List.of(), warnings);
        }
        if (!Files.isDirectory(dir)) {
            return new HostScan(host, dir, HostScan.DirState.NOT_A_DIRECTORY, Layout.NONE, Layout.NONE, List.of(),
                    List.of("no snapshots: " + dir + " exists but is not a directory"));
        }
        BackupLayout layout = new BackupLayout(root.root(), host);
        HostScan own = scanOwn(host, dir, layout, zone);
        if (!Files.isSymbolicLink(layout.adoptedHistoryLink())) {
            return own;
        }
        Optional<Path> history = layout.adoptedHistory();
        if (history.isEmpty()) {
            List<String> warnings = new ArrayList<>(own.warnings());
            warnings.add(layout.adoptedHistoryLink() + " points nowhere: the adopted history is not indexed (is its drive mounted?)");
            return new HostScan(host, dir, own.dirState(), own.layout(), Layout.NONE, own.snapshots(), warnings);
        }
        return withHistory(own, host, history.get(), zone);
    }

    /** The host directory itself: pullback's (or Backup Manager's) hourly/, an rsync-time-backup tree, or nothing. */
    private static HostScan scanOwn(String host, Path dir, BackupLayout layout, ZoneId zone) {
        if (Files.isDirectory(layout.hourlyDir())) {
            return scanHourly(host, dir, layout);
        }
        if (Files.isSymbolicLink(layout.adoptedLink())) {
            return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.NONE, Layout.NONE, List.of(), List.of(
                    "no pullback snapshots yet: the first run hardlinks against the adopted " + layout.linkBase()
                            .map(b -> b.dir().toString()).orElse("(" + BackupLayout.ADOPTED + " points nowhere: check it)")));
        }
        List<String> top = entries(dir).stream().map(p -> p.getFileName().toString()).sorted().toList();
        if (Files.exists(dir.resolve("backup.marker")) || top.stream().anyMatch(n -> RTB_NAME.matcher(n).matches())) {
            List<FoundSnapshot> found = rsyncTimeBackup(host, dir, zone);
            List<String> warnings = new ArrayList<>();
            warnings.add("rsync-time-backup layout in the host directory: its snapshots are indexed and browsable, never pruned; "
                    + "pullback's own snapshots go to " + layout.hourlyDir());
            if (found.isEmpty()) {
                warnings.add("no snapshots: " + dir + " holds no dated snapshot directories");
            }
            return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.RSYNC_TIME_BACKUP, Layout.NONE, found, warnings);
        }
        if (Files.isSymbolicLink(layout.adoptedHistoryLink())) {
            return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.NONE, Layout.NONE, List.of(), List.of());
        }
        String why = top.isEmpty() ? "no snapshots: " + dir + " exists and is empty"
                : "no snapshots: " + dir + " has no hourly/ directory (it holds: " + listed(top) + ")";
        return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.NONE, Layout.NONE, List.of(), List.of(why));
    }

    /** Adds the adopted history's snapshots (rsnapshot's or rsync-time-backup's, told apart by their names). */
    private static HostScan withHistory(HostScan own, String host, Path history, ZoneId zone) {
        List<String> top = entries(history).stream().map(p -> p.getFileName().toString()).toList();
        Layout kind;
        List<FoundSnapshot> found;
        if (top.stream().anyMatch(n -> RSNAPSHOT_NAME.matcher(n).matches())) {
            kind = Layout.RSNAPSHOT;
            found = rsnapshot(host, history, zone);
        } else {
            kind = Layout.RSYNC_TIME_BACKUP;
            found = rsyncTimeBackup(host, history, zone);
        }
        List<FoundSnapshot> complete = new ArrayList<>(own.complete());
        List<FoundSnapshot> other = new ArrayList<>(own.snapshots().stream().filter(s -> s.state() != FoundSnapshot.State.COMPLETE).toList());
        Set<String> names = new HashSet<>(own.snapshots().stream().map(FoundSnapshot::name).toList());
        List<String> warnings = new ArrayList<>();
        for (FoundSnapshot s : found) {
            if (!names.add(s.name())) {
                warnings.add("adopted " + s.dir() + " is named " + s.name() + " like one of pullback's own: not indexed");
            } else if (s.state() == FoundSnapshot.State.COMPLETE) {
                complete.add(s);
            } else {
                other.add(s);
            }
        }
        complete.sort(Comparator.comparing((FoundSnapshot s) -> s.marker().finished()).thenComparing(FoundSnapshot::name));
        // a zero-snapshot warning of the host directory alone is wrong once the history counts
        List<String> kept = own.warnings().stream().filter(w -> complete.isEmpty() || !w.startsWith("no snapshots") && !w.startsWith("no complete")).toList();
        warnings.addAll(0, kept);
        if (found.stream().noneMatch(s -> s.state() == FoundSnapshot.State.COMPLETE)) {
            warnings.add("the adopted " + kind.id() + " history " + history + " holds no complete snapshot of " + host);
        }
        List<FoundSnapshot> all = new ArrayList<>(complete);
        all.addAll(other);
        return new HostScan(host, own.dir(), own.dirState(), own.layout(), kind, all, warnings);
    }

    private static HostScan scanHourly(String host, Path dir, BackupLayout layout) {
        List<FoundSnapshot> complete = new ArrayList<>();
        List<FoundSnapshot> other = new ArrayList<>();
        boolean ours = Files.exists(layout.lockFile(), LinkOption.NOFOLLOW_LINKS);
        for (Path p : entries(layout.hourlyDir())) {
            String name = p.getFileName().toString();
            if (name.startsWith(".") || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                continue; // trash, temporary links, stray files
            }
            if (name.endsWith(BackupLayout.PARTIAL)) {
                other.add(new FoundSnapshot(name, p, FoundSnapshot.State.PARTIAL, null, "interrupted or running (.partial)"));
                continue;
            }
            Path markerFile = p.resolve(BackupLayout.MARKER);
            if (!Files.isRegularFile(markerFile, LinkOption.NOFOLLOW_LINKS)) {
                other.add(new FoundSnapshot(name, p, FoundSnapshot.State.UNKNOWN, null, "no " + BackupLayout.MARKER + " marker"));
                continue;
            }
            try {
                Marker m = MarkerFile.read(markerFile, host, name);
                ours |= m.version() >= 1;
                complete.add(new FoundSnapshot(name, p, FoundSnapshot.State.COMPLETE, m, null));
            } catch (IOException e) {
                other.add(new FoundSnapshot(name, p, FoundSnapshot.State.UNKNOWN, null, "marker unreadable: " + e.getMessage()));
            }
        }
        complete.sort(Comparator.comparing((FoundSnapshot s) -> s.marker().finished()).thenComparing(FoundSnapshot::name));
        other.sort(Comparator.comparing(FoundSnapshot::name));
        List<String> warnings = new ArrayList<>();
        if (complete.isEmpty()) {
            warnings.add(other.isEmpty() ? "no snapshots: " + layout.hourlyDir() + " exists and is empty"
                    : "no complete snapshots: " + layout.hourlyDir() + " holds only " + other.size()
                    + " partial or unmarked director" + (other.size() == 1 ? "y" : "ies"));
        }
        Layout kind = ours || complete.isEmpty() ? Layout.PULLBACK : Layout.BACKUP_MANAGER;
        List<FoundSnapshot> all = new ArrayList<>(complete);
        all.addAll(other);
        return new HostScan(host, dir, HostScan.DirState.PRESENT, kind, Layout.NONE, all, warnings);
    }

    /**
     * rsync-time-backup: dated directories, oldest first, each hardlinked against the one before;
     * the newest is in progress while {@code backup.inprogress} exists. The time is the name's, in
     * {@code zone} (the script names them with the local {@code date}).
     */
    static List<FoundSnapshot> rsyncTimeBackup(String host, Path dir, ZoneId zone) {
        List<String> dated = entries(dir).stream().map(p -> p.getFileName().toString()).filter(n -> RTB_NAME.matcher(n).matches())
                .filter(n -> Files.isDirectory(dir.resolve(n), LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        boolean inProgress = Files.exists(dir.resolve("backup.inprogress"));
        List<FoundSnapshot> out = new ArrayList<>();
        String base = null;
        for (int i = 0; i < dated.size(); i++) {
            String name = dated.get(i);
            Path p = dir.resolve(name);
            if (inProgress && i == dated.size() - 1) {
                out.add(new FoundSnapshot(name, p, FoundSnapshot.State.PARTIAL, null, "backup.inprogress"));
                continue;
            }
            Instant t;
            try {
                t = LocalDateTime.parse(name, RTB_TIME).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                out.add(new FoundSnapshot(name, p, FoundSnapshot.State.UNKNOWN, null, "not a valid date"));
                continue;
            }
            out.add(new FoundSnapshot(name, p, FoundSnapshot.State.COMPLETE, foreign(host, name, t, base), null));
            base = name;
        }
        return out;
    }

    /**
     * rsnapshot: {@code <interval>.<n>/<host>/} under its snapshot root. The order comes from the
     * interval (in rsnapshot's usual order: hourly newest, yearly oldest) and the index (0 newest);
     * the time from the {@code <interval>.<n>} directory's mtime (rsnapshot touches it when a run
     * ends, and rotation renames keep it). The name is that time, {@code yyyy-MM-dd-HHmmss} in {@code zone},
     * so it stays the same while rsnapshot rotates {@code hourly.0} to {@code hourly.1}.
     * Its {@code .sync} working copy is partial.
     */
    static List<FoundSnapshot> rsnapshot(String host, Path snapshotRoot, ZoneId zone) {
        record Dir(String interval, int index, Path dir, Instant t) {
        }
        List<Dir> dirs = new ArrayList<>();
        for (Path p : entries(snapshotRoot)) {
            Matcher m = RSNAPSHOT_NAME.matcher(p.getFileName().toString());
            Path point = p.resolve(host);
            if (m.matches() && Files.isDirectory(point, LinkOption.NOFOLLOW_LINKS)) {
                dirs.add(new Dir(m.group(1), Integer.parseInt(m.group(2)), point, mtime(p)));
            }
        }
        // oldest first: the last interval first, each from its highest index down
        dirs.sort(Comparator.comparing((Dir d) -> -intervalRank(d.interval())).thenComparing(d -> -d.index()));
        List<FoundSnapshot> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String base = null;
        for (Dir d : dirs) {
            String name = RTB_TIME.format(d.t().atZone(zone));
            if (!names.add(name)) {
                name = name + "-" + d.interval() + "." + d.index();
                names.add(name);
            }
            out.add(new FoundSnapshot(name, d.dir(), FoundSnapshot.State.COMPLETE, foreign(host, name, d.t(), base), null));
            base = name;
        }
        Path sync = snapshotRoot.resolve(".sync").resolve(host);
        if (Files.isDirectory(sync, LinkOption.NOFOLLOW_LINKS)) {
            out.add(new FoundSnapshot(".sync", sync, FoundSnapshot.State.PARTIAL, null, "rsnapshot's sync_first working copy"));
        }
        return out;
    }

    private static final List<String> RSNAPSHOT_ORDER = List.of("hourly", "4hourly", "daily", "weekly", "monthly", "yearly");

    private static int intervalRank(String interval) {
        int i = RSNAPSHOT_ORDER.indexOf(interval.toLowerCase(Locale.ROOT));
        return i < 0 ? RSNAPSHOT_ORDER.size() : i;
    }

    /** A foreign snapshot's marker: version 0, its time, the one before it as the base (each tool hardlinks against it). */
    private static Marker foreign(String host, String name, Instant t, String base) {
        return new Marker(0, host, name, Marker.COMPLETE, t, t, base, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of());
    }

    /**
     * The dashboard's banner, cheap enough for every page load: a stat of the root and of each
     * host's directory, and one listing of the root only when a directory is missing. A host whose
     * directory is missing is named when a near-miss directory exists or {@code hadSnapshots} says
     * the index knew snapshots of it; a new host that never ran has no directory yet, and that is normal.
     */
    public static DirectoryAlerts alerts(Path root, List<String> hosts, Predicate<String> hadSnapshots) {
        if (root == null) {
            return new DirectoryAlerts("no backup root is configured: pullback configure-global --backup-root DIR", List.of());
        }
        if (!Files.exists(root)) {
            return new DirectoryAlerts("the backup root " + root + " does not exist: is the backup drive mounted?", List.of());
        }
        if (!Files.isDirectory(root)) {
            return new DirectoryAlerts("the backup root " + root + " is not a directory", List.of());
        }
        List<String> out = new ArrayList<>();
        List<String> dirs = null;
        for (String host : hosts) {
            Path dir = root.resolve(host);
            if (Files.isDirectory(dir)) {
                continue;
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                out.add(host + ": " + dir + " exists but is not a directory");
                continue;
            }
            if (dirs == null) {
                dirs = directories(root);
            }
            List<String> near = nearMisses(host, dirs);
            if (near.isEmpty() && !hadSnapshots.test(host)) {
                continue;
            }
            out.add(host + ": the host directory " + dir + " does not exist" + (near.isEmpty() ? " (its snapshots are gone from disk)"
                    : "; did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList())
                    + "? (host names must match the directory names exactly)"));
        }
        return new DirectoryAlerts(null, out);
    }

    /** Directory names that differ from {@code host} only by case and separators, or by at most two edits. */
    public static List<String> nearMisses(String host, List<String> dirs) {
        String h = fold(host);
        return dirs.stream().filter(d -> !d.equals(host))
                .filter(d -> fold(d).equals(h) || host.length() > 3 && distance(host.toLowerCase(Locale.ROOT), d.toLowerCase(Locale.ROOT)) <= 2)
                .sorted().toList();
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static boolean mountPoint(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            return true;
        }
        try {
            Object a = Files.getAttribute(abs, "unix:dev");
            Object b = Files.getAttribute(parent, "unix:dev");
            return !a.equals(b);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {free, total} inodes from {@code stat -f}; {-1, -1} when unknown. */
    private static long[] inodes(Path root) {
        try {
            Process p = new ProcessBuilder("stat", "-f", "-c", "%d %c", "--", root.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return new long[] {-1, -1};
            }
            String[] parts = out.split("\\s+");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-1, -1};
        }
    }

    private static List<String> directories(Path root) {
        return entries(root).stream().filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }

    private static List<Path> entries(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            // an unreadable directory lists as empty; the caller's warning says so
        }
        return out;
    }

    private static Instant mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static String listed(List<String> names) {
        return names.size() <= LIST_AT_MOST ? String.join(", ", names)
                : String.join(", ", names.subList(0, LIST_AT_MOST)) + " ... (" + names.size() + " in all)";
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
