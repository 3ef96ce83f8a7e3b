package dev.pullback.store;

import java.time.Instant;
import java.util.List;

/**
 * A host's last preflight as discovery saw it, and its last import.
 *
 * @param layout        the layout in words ({@code pullback + adopted rsnapshot history})
 * @param importedAt    when discovery last imported (not a dry run), or null
 * @param importSummary what that import changed, or null
 */
public record DiscoveryStatus(String host, Instant checkedAt, String dirState, String layout, long complete, long partial,
                              long unknown, List<String> warnings, Instant importedAt, String importSummary) {

    public DiscoveryStatus {
        warnings = List.copyOf(warnings);
    }
}
