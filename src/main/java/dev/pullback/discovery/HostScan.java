package dev.pullback.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What one host's directory holds.
 *
 * @param layout    how the host directory itself is organised
 * @param adopted   the layout of the foreign history behind {@code adopted-history}, or NONE
 * @param snapshots complete ones oldest first by the marker's finish time, then partial and unknown ones
 *                  (the adopted history's included: their directories are outside the host directory)
 * @param warnings  what a person should look at (zero snapshots always says why)
 */
public record HostScan(String host, Path dir, DirState dirState, Layout layout, Layout adopted, List<FoundSnapshot> snapshots,
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

    /** The layout in words: {@code pullback}, or {@code pullback + adopted rsnapshot history}. */
    public String layoutText() {
        if (adopted == Layout.NONE) {
            return layout.id();
        }
        return (layout == Layout.NONE ? "" : layout.id() + " + ") + "adopted " + adopted.id() + " history";
    }

    public long count(FoundSnapshot.State state) {
        return snapshots.stream().filter(s -> s.state() == state).count();
    }

    public List<FoundSnapshot> complete() {
        return snapshots.stream().filter(s -> s.state() == FoundSnapshot.State.COMPLETE).toList();
    }
}
