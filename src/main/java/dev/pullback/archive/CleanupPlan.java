package dev.pullback.archive;

import java.util.List;

/**
 * What cleanup would do, one line per archive and monthly copy with the reason: printable for a
 * dry run, executed by the cleanup stage.
 */
public record CleanupPlan(List<Item> items) {

    public CleanupPlan {
        items = List.copyOf(items);
    }

    public enum Kind { ARCHIVE, MONTHLY }

    /** @param name the archive's file name or the copy's {@code YYYY-MM} */
    public record Item(Kind kind, String name, boolean remove, String reason) {
    }

    public List<Item> removals() {
        return items.stream().filter(Item::remove).toList();
    }

    public List<Item> removals(Kind kind) {
        return items.stream().filter(i -> i.remove() && i.kind() == kind).toList();
    }
}
