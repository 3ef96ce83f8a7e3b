package dev.pullback.retention;

import java.nio.file.Path;
import java.util.List;

/**
 * What one apply did.
 *
 * @param host     the host
 * @param removed  snapshots taken out of {@code hourly/} (renamed to trash), oldest first
 * @param deferred snapshots the plan deferred past its max-delete bound (a later apply removes them)
 * @param skipped  planned removals apply refused because the disk no longer matches the plan
 *                 (gone, changed, now the newest, the target of {@code latest}/{@code current},
 *                 or the minimum count would be broken): nothing went wrong, the plan was stale
 * @param failures I/O errors: a rename or a deletion that failed, a listener that threw
 * @param trash    trash entries still on disk: with {@link RetentionApplier.Deletion#LATER} the ones to delete
 *                 in the background (this apply's and leftovers of interrupted deletions); with
 *                 {@link RetentionApplier.Deletion#NOW} only those whose deletion failed
 * @param purged   leftovers of earlier interrupted deletions finished by this apply
 */
public record ApplyResult(
        String host,
        List<Removal> removed,
        List<String> deferred,
        List<Skip> skipped,
        List<Failure> failures,
        List<Path> trash,
        List<Path> purged) {

    public ApplyResult {
        removed = List.copyOf(removed);
        deferred = List.copyOf(deferred);
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
        trash = List.copyOf(trash);
        purged = List.copyOf(purged);
    }

    /** @param trash where it went; deleted already unless listed in {@link ApplyResult#trash()} */
    public record Removal(String name, Path trash) {
    }

    public record Skip(String name, String reason) {
    }

    /** @param name the snapshot, or the trash entry's file name for a deletion that failed */
    public record Failure(String name, String message) {
    }

    public List<String> removedNames() {
        return removed.stream().map(Removal::name).toList();
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** e.g. {@code removed 12, deferred 3, skipped 0, failed 0}. */
    public String summary() {
        return "removed " + removed.size() + ", deferred " + deferred.size() + ", skipped " + skipped.size()
                + ", failed " + failures.size();
    }
}
