package dev.pullback.discovery;

import dev.pullback.InvalidInputException;
import dev.pullback.host.HostRules;
import dev.pullback.retention.PolicyOverride;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan for adopting an rsnapshot history in place: which pullback host each backup point
 * becomes (its transport, address, user, sources, excludes), the policy its retain lines propose,
 * and the newest snapshot of each point, which becomes the link base of pullback's first run.
 * A pure function of the config and a listing of {@code snapshot_root}; nothing is written.
 */
public record RsnapshotAdoption(Path snapshotRoot, List<HostAdoption> hosts, PolicyOverride policy, String policyText,
                                List<String> notes) {

    private static final Pattern SNAPSHOT = Pattern.compile("([A-Za-z0-9_-]+)\\.(\\d+)");
    private static final Pattern REMOTE = Pattern.compile("(?:([^@:/\\s]+)@)?([^@:/\\s]+):(.*)");
    private static final List<String> USUAL_ORDER = List.of("hourly", "4hourly", "daily", "weekly", "monthly", "yearly");

    public RsnapshotAdoption {
        hosts = List.copyOf(hosts);
        notes = List.copyOf(notes);
    }

    /**
     * One backup point's destination as a pullback host.
     *
     * @param snapshots newest first (by interval order, then index), each with its directory's mtime
     */
    public record HostAdoption(String host, boolean local, String address, String user, List<String> sources,
                               List<String> excludes, List<Found> snapshots) {
        public Path linkBase() {
            return snapshots.isEmpty() ? null : snapshots.getFirst().dir();
        }
    }

    /** {@code <interval>.<index>/<point>/} as found on disk. */
    public record Found(String interval, int index, Path dir, Instant mtime) {
    }

    public static RsnapshotAdoption fromConfig(RsnapshotConfig config) {
        if (config.snapshotRoot() == null) {
            throw new InvalidInputException("config", "no snapshot_root line in the rsnapshot configuration");
        }
        List<String> order = config.retains().stream().map(RsnapshotConfig.Retain::interval).toList();
        List<String> notes = new ArrayList<>(config.notes());
        Map<String, List<RsnapshotConfig.BackupPoint>> byHost = new LinkedHashMap<>();
        for (RsnapshotConfig.BackupPoint p : config.points()) {
            String dest = p.dest().replaceAll("^/+|/+$", "");
            String name = dest.contains("/") ? dest.substring(0, dest.indexOf('/')) : dest;
            try {
                HostRules.name(name);
            } catch (InvalidInputException e) {
                notes.add("backup point " + p.source() + " -> " + p.dest() + " skipped: " + e.getMessage());
                continue;
            }
            byHost.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
        }
        List<HostAdoption> hosts = new ArrayList<>();
        for (Map.Entry<String, List<RsnapshotConfig.BackupPoint>> e : byHost.entrySet()) {
            String address = null;
            String user = null;
            boolean local = true;
            List<String> sources = new ArrayList<>();
            for (RsnapshotConfig.BackupPoint p : e.getValue()) {
                Matcher m = REMOTE.matcher(p.source());
                String path = p.source();
                if (m.matches() && !p.source().startsWith("/")) {
                    local = false;
                    user = m.group(1);
                    address = m.group(2);
                    path = m.group(3);
                }
                sources.add(trimSlash(path));
            }
            hosts.add(new HostAdoption(e.getKey(), local, address, user, sources, config.excludes(),
                    snapshots(config.snapshotRoot(), e.getKey(), order)));
        }
        PolicyOverride policy = policy(config.retains());
        return new RsnapshotAdoption(config.snapshotRoot(), hosts, policy, describe(config.retains()), notes);
    }

    /** Without a config: the points are the directories of the newest snapshot, their sources its top-level folders. */
    public static RsnapshotAdoption fromRoot(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("root", root + " is not a directory");
        }
        Map<String, Integer> newestIndex = new LinkedHashMap<>();
        for (Path p : list(root)) {
            Matcher m = SNAPSHOT.matcher(p.getFileName().toString());
            if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                newestIndex.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
            }
        }
        if (newestIndex.isEmpty()) {
            throw new InvalidInputException("root", root + " holds no <interval>.<n> snapshot directories: not an rsnapshot root");
        }
        List<String> order = new ArrayList<>(newestIndex.keySet());
        order.sort(Comparator.comparing((String i) -> USUAL_ORDER.indexOf(i) < 0 ? 99 : USUAL_ORDER.indexOf(i)).thenComparing(i -> i));
        List<RsnapshotConfig.Retain> retains = order.stream().map(i -> new RsnapshotConfig.Retain(i, newestIndex.get(i) + 1)).toList();
        String newest = order.getFirst() + ".0";
        List<RsnapshotConfig.BackupPoint> points = new ArrayList<>();
        for (Path point : list(root.resolve(newest))) {
            if (!Files.isDirectory(point, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String name = point.getFileName().toString();
            for (Path top : list(point)) {
                // with rsnapshot's default --relative, /home/alice/ lands at <point>/home/alice: follow single-child chains
                Path deepest = top;
                List<Path> children;
                while (Files.isDirectory(deepest, LinkOption.NOFOLLOW_LINKS) && (children = list(deepest)).size() == 1
                        && Files.isDirectory(children.getFirst(), LinkOption.NOFOLLOW_LINKS)) {
                    deepest = children.getFirst();
                }
                String src = "/" + point.relativize(deepest);
                points.add(new RsnapshotConfig.BackupPoint(name.equals("localhost") ? src : name + ":" + src, name + "/"));
            }
        }
        RsnapshotConfig config = new RsnapshotConfig(root, retains, points, List.of(),
                List.of("no rsnapshot.conf: hosts, sources and the policy are guessed from " + root
                        + " (retain counts from the highest index found; no excludes)"));
        return fromConfig(config);
    }

    /**
     * rsnapshot keeps the N newest of each interval. The first interval becomes keep-last N
     * (with the hourly window off); daily, weekly, monthly and yearly map to pullback's tiers.
     */
    static PolicyOverride policy(List<RsnapshotConfig.Retain> retains) {
        Integer keepLast = null;
        Integer daily = null;
        Integer weekly = null;
        Integer monthly = null;
        Integer yearly = null;
        for (int i = 0; i < retains.size(); i++) {
            RsnapshotConfig.Retain r = retains.get(i);
            switch (r.interval().toLowerCase(Locale.ROOT)) {
                case "daily" -> daily = r.count();
                case "weekly" -> weekly = r.count();
                case "monthly" -> monthly = r.count();
                case "yearly" -> yearly = r.count();
                default -> {
                    if (i == 0) {
                        keepLast = r.count();
                    }
                }
            }
        }
        if (keepLast == null && daily == null && weekly == null && monthly == null && yearly == null) {
            return PolicyOverride.none();
        }
        return new PolicyOverride(keepLast, keepLast == null ? null : 0, daily == null ? 0 : daily, weekly == null ? 0 : weekly,
                monthly == null ? 0 : monthly, yearly == null ? 0 : yearly, null);
    }

    private static String describe(List<RsnapshotConfig.Retain> retains) {
        return String.join(", ", retains.stream().map(r -> "retain " + r.interval() + " " + r.count()).toList());
    }

    private static List<Found> snapshots(Path root, String point, List<String> order) {
        List<Found> out = new ArrayList<>();
        for (Path p : list(root)) {
            Matcher m = SNAPSHOT.matcher(p.getFileName().toString());
            Path dir = p.resolve(point);
            if (m.matches() && order.contains(m.group(1)) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Instant t;
                try {
                    t = Files.getLastModifiedTime(p).toInstant();
                } catch (IOException e) {
                    t = Instant.EPOCH;
                }
                out.add(new Found(m.group(1), Integer.parseInt(m.group(2)), dir, t));
            }
        }
        out.sort(Comparator.comparing((Found f) -> order.indexOf(f.interval())).thenComparing(Found::index));
        return out;
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    private static String trimSlash(String s) {
        String t = s.replaceAll("/+$", "");
        return t.isEmpty() ? "/" : t;
    }
}
