package dev.pullback.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * The {@code .snapshot_complete} file: written last, it is what makes a directory a snapshot.
 *
 * @param status   {@code complete}, or {@code partial} when rsync reported 23 and the host accepts that
 * @param base     the snapshot this one was hardlinked against, or null for a full copy
 * @param files    entries in the snapshot (files, directories, links)
 * @param bytes    total size of the files
 * @param transferred bytes received over the wire
 */
public record Marker(
        int version,
        String host,
        String name,
        String status,
        Instant started,
        Instant finished,
        String base,
        int rsyncExitCode,
        long files,
        long bytes,
        long transferred,
        long created,
        long updated,
        long deleted,
        long newBytes,
        List<String> warnings,
        List<SourceStats> sources) {

    public static final int VERSION = 1;
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";

    public Marker {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** One source path's share of the snapshot, so the next run can count deletions per folder. */
    public record SourceStats(String source, String folder, int exitCode, long files, long created,
                              long updated, long deleted, long bytes, long newBytes) {
    }

    public long filesIn(String folder) {
        return sources.stream().filter(s -> s.folder().equals(folder)).mapToLong(SourceStats::files).sum();
    }

    public boolean hasSource(String folder) {
        return sources.stream().anyMatch(s -> s.folder().equals(folder));
    }
}
