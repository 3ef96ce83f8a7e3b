package dev.pullback.discovery;

import dev.pullback.snapshot.Marker;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One directory that looks like a snapshot.
 *
 * @param marker the marker when complete (foreign markers get their time from the file's mtime), else null
 * @param note   why a directory is partial or unknown
 */
public record FoundSnapshot(String name, Path dir, State state, Marker marker, String note) {

    public enum State {
        COMPLETE, PARTIAL, UNKNOWN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
