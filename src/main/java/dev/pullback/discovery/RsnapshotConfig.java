package dev.pullback.discovery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an {@code rsnapshot.conf} adoption needs: {@code snapshot_root}, the
 * {@code retain} (or old {@code interval}) lines in order, {@code backup} points, {@code exclude}
 * patterns. rsnapshot separates fields with tabs; runs of spaces are accepted too.
 */
public record RsnapshotConfig(Path snapshotRoot, List<Retain> retains, List<BackupPoint> points, List<String> excludes,
                              List<String> notes) {

    public RsnapshotConfig {
        retains = List.copyOf(retains);
        points = List.copyOf(points);
        excludes = List.copyOf(excludes);
        notes = List.copyOf(notes);
    }

    /** {@code retain hourly 6}: rsnapshot keeps the 6 newest {@code hourly.N}. */
    public record Retain(String interval, int count) {
    }

    /** {@code backup root@web01:/etc/ web01/}: source, destination under each snapshot. */
    public record BackupPoint(String source, String dest) {
    }

    public static RsnapshotConfig parse(List<String> lines) {
        Path root = null;
        List<Retain> retains = new ArrayList<>();
        List<BackupPoint> points = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.contains("\t") ? line.split("\t+") : line.split("\\s+");
            switch (f[0]) {
                case "snapshot_root" -> root = f.length > 1 ? Path.of(f[1].strip()) : null;
                case "retain", "interval" -> {
                    if (f.length >= 3 && f[2].strip().matches("\\d+")) {
                        retains.add(new Retain(f[1].strip(), Integer.parseInt(f[2].strip())));
                    } else {
                        notes.add("ignored a malformed line: " + line);
                    }
                }
                case "backup" -> {
                    if (f.length >= 3) {
                        points.add(new BackupPoint(f[1].strip(), f[2].strip()));
                        if (f.length > 3) {
                            notes.add("per-point options are not carried over (" + f[3].strip() + ") for " + f[1].strip());
                        }
                    } else {
                        notes.add("ignored a malformed line: " + line);
                    }
                }
                case "exclude" -> {
                    if (f.length >= 2) {
                        excludes.add(f[1].strip());
                    }
                }
                case "backup_script", "backup_exec", "include", "include_file", "exclude_file", "include_conf" ->
                        notes.add(f[0] + " is not carried over: " + line);
                default -> {
                    // the rest (cmd_*, verbose, lockfile, ...) does not concern adoption
                }
            }
        }
        return new RsnapshotConfig(root, retains, points, excludes, notes);
    }
}
