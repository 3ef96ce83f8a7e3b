package dev.pullback.snapshot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Snapshot names: {@code yyyy-MM-dd_HHmm} in the configured zone. Order comes from markers, not names. */
public final class SnapshotName {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm");
    private static final Pattern NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}_\\d{4}");

    private SnapshotName() {
    }

    public static String of(Instant instant, ZoneId zone) {
        return FORMAT.format(instant.atZone(zone));
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
