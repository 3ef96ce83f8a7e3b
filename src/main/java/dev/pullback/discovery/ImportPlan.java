package dev.pullback.discovery;

import dev.pullback.store.SqlSnapshotCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What importing one host would change in the index: a pure function of the scan and the rows.
 * Complete snapshots not yet indexed are recorded (oldest first, so a base recorded earlier in
 * the same run is linked); rows marked missing whose directory is back are restored; rows whose
 * directory is gone (or no longer complete) are marked missing, never dropped. Partial and
 * unknown directories are reported and left alone.
 *
 * @param record   complete snapshots to record, oldest first
 * @param restore  complete snapshots whose row says missing (or points elsewhere): set back
 * @param missing  names of indexed rows no longer complete on disk
 * @param skipped  why nothing is imported for this host, or null
 */
public record ImportPlan(String host, List<FoundSnapshot> record, List<FoundSnapshot> restore, List<String> missing,
                         int unchanged, long partial, long unknown, String skipped) {

    public ImportPlan {
        record = List.copyOf(record);
        restore = List.copyOf(restore);
        missing = List.copyOf(missing);
    }

    public static ImportPlan of(HostScan scan, Map<String, SqlSnapshotCatalog.Indexed> indexed, boolean rootUsable) {
        long partial = scan.count(FoundSnapshot.State.PARTIAL);
        long unknown = scan.count(FoundSnapshot.State.UNKNOWN);
        if (!rootUsable) {
            // an unmounted drive says nothing about the snapshots: change nothing
            return new ImportPlan(scan.host(), List.of(), List.of(), List.of(), indexed.size(), partial, unknown,
                    "the backup root is not available: nothing imported, nothing marked missing");
        }
        List<FoundSnapshot> record = new ArrayList<>();
        List<FoundSnapshot> restore = new ArrayList<>();
        Set<String> onDisk = new HashSet<>();
        int unchanged = 0;
        String skipped = null;
        // every layout's complete snapshots, the adopted history's included (their rows keep their own directory)
        for (FoundSnapshot s : scan.complete()) {
            onDisk.add(s.name());
            SqlSnapshotCatalog.Indexed row = indexed.get(s.name());
            if (row == null) {
                record.add(s);
            } else if (SqlSnapshotCatalog.MISSING.equals(row.status()) || !s.dir().toString().equals(row.path())) {
                restore.add(s); // found again, or moved (rsnapshot rotated hourly.0 to hourly.1)
            } else {
                unchanged++;
            }
        }
        List<String> missing = indexed.values().stream()
                .filter(r -> !onDisk.contains(r.name()) && !SqlSnapshotCatalog.MISSING.equals(r.status()))
                .map(SqlSnapshotCatalog.Indexed::name).toList();
        return new ImportPlan(scan.host(), record, restore, missing, unchanged, partial, unknown, skipped);
    }

    public boolean changesNothing() {
        return record.isEmpty() && restore.isEmpty() && missing.isEmpty();
    }

    public String summary() {
        return record.size() + " new, " + restore.size() + " found again, " + missing.size() + " marked missing, "
                + unchanged + " unchanged, " + partial + " partial and " + unknown + " unknown left alone"
                + (skipped == null ? "" : " (" + skipped + ")");
    }
}
