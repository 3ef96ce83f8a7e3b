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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The preflight: looks at the backup root and each host's directory and says what it found and,
 * when there is nothing, why. It reads directory names, markers and top-level metadata only —
 * never the snapshot trees — so its cost grows with the number of snapshots, not of files.
 */
public final class DiscoveryScanner {
    private static final Pattern RTB_NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{6}");
    private static final int LIST_AT_MOST = 20;

    private DiscoveryScanner() {
    }

    /** @param hosts the hosts to look for (validated names); the root alone when empty */
    public static Preflight preflight(Path root, List<String> hosts, Instant now) {
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
        List<HostScan> scans = hosts.stream().map(h -> scanHost(r, h)).toList();
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
        if (!root.usable()) {
            Path dir = root.root() == null ? null : root.root().resolve(host);
            String why = root.root() == null ? "no backup root is configured"
                    : "the backup root " + root.root() + (root.exists() ? " is not a directory" : " is missing (is the backup drive mounted?)");
            return new HostScan(host, dir, HostScan.DirState.MISSING, Layout.NONE, List.of(), List.of("no snapshots: " + why));
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
            return new HostScan(host, dir, HostScan.DirState.MISSING, Layout.NONE, List.of(), warnings);
        }
        if (!Files.isDirectory(dir)) {
            return new HostScan(host, dir, HostScan.DirState.NOT_A_DIRECTORY, Layout.NONE, List.of(),
                    List.of("no snapshots: " + dir + " exists but is not a directory"));
        }
        BackupLayout layout = new BackupLayout(root.root(), host);
        if (Files.isDirectory(layout.hourlyDir())) {
            return scanHourly(host, dir, layout);
        }
        if (Files.isSymbolicLink(layout.adoptedLink())) {
            return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.NONE, List.of(), List.of(
                    "no pullback snapshots yet: the first run hardlinks against the adopted " + layout.linkBase()
                            .map(b -> b.dir().toString()).orElse("(" + BackupLayout.ADOPTED + " points nowhere: check it)")));
        }
        List<String> top = entries(dir).stream().map(p -> p.getFileName().toString()).sorted().toList();
        if (Files.exists(dir.resolve("backup.marker")) || top.stream().anyMatch(n -> RTB_NAME.matcher(n).matches())) {
            return scanRsyncTimeBackup(host, dir, top);
        }
        String why = top.isEmpty() ? "no snapshots: " + dir + " exists and is empty"
                : "no snapshots: " + dir + " has no hourly/ directory (it holds: " + listed(top) + ")";
        return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.NONE, List.of(), List.of(why));
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
        return new HostScan(host, dir, HostScan.DirState.PRESENT, kind, all, warnings);
    }

    /** rsync-time-backup: dated directories; the newest is in progress while {@code backup.inprogress} exists. */
    private static HostScan scanRsyncTimeBackup(String host, Path dir, List<String> top) {
        List<String> dated = top.stream().filter(n -> RTB_NAME.matcher(n).matches())
                .filter(n -> Files.isDirectory(dir.resolve(n), LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        boolean inProgress = Files.exists(dir.resolve("backup.inprogress"));
        List<FoundSnapshot> out = new ArrayList<>();
        for (int i = 0; i < dated.size(); i++) {
            Path p = dir.resolve(dated.get(i));
            if (inProgress && i == dated.size() - 1) {
                out.add(new FoundSnapshot(dated.get(i), p, FoundSnapshot.State.PARTIAL, null, "backup.inprogress"));
            } else {
                Instant t = mtime(p);
                out.add(new FoundSnapshot(dated.get(i), p, FoundSnapshot.State.COMPLETE,
                        new Marker(0, host, dated.get(i), Marker.COMPLETE, t, t, null, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of()), null));
            }
        }
        List<String> warnings = new ArrayList<>();
        warnings.add("rsync-time-backup layout: recognised, not imported yet into the index; "
                + "pullback adopt --from rsync-time-backup --host HOST --root " + dir + " makes its newest snapshot the link base");
        if (out.isEmpty()) {
            warnings.add("no snapshots: " + dir + " holds no dated snapshot directories");
        }
        return new HostScan(host, dir, HostScan.DirState.PRESENT, Layout.RSYNC_TIME_BACKUP, out, warnings);
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
