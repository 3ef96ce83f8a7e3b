package dev.pullback.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What one host's directory holds.
 *
 * @param snapshots complete ones oldest first by the marker's finish time, then partial and unknown ones
 * @param warnings  what a person should look at (zero snapshots always says why)
 */
public record HostScan(String host, Path dir, DirState dirState, Layout layout, List<FoundSnapshot> snapshots,
                       List<String> warnings) {

    public enum DirState {
        PRESENT, MISSING, NOT_A_DIRECTORY;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public HostScan {
        snapshots = List.copyOf(snapshots);
        warnings = List.copyOf(warnings);
    }

    public long count(FoundSnapshot.State state) {
        return snapshots.stream().filter(s -> s.state() == state).count();
    }

    public List<FoundSnapshot> complete() {
        return snapshots.stream().filter(s -> s.state() == FoundSnapshot.State.COMPLETE).toList();
    }
}
