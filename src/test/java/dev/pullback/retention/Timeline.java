package dev.pullback.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fixed timeline of the table tests (restic's testdata, generated): a host backed up every
 * hour for two years, named in Europe/Berlin as the engine names them, with
 * <ul>
 *   <li>irregular minutes (a run starts 0-11 min past the hour, sometimes 25-55 min late);</li>
 *   <li>about 4 % of the hours missing, a week-long outage (2024-07-15..22), the whole of
 *       November 2024 missing (Berlin time), 2025-08-01..20 missing, nights (00-06 UTC) off
 *       in January and February 2025, and a three-day outage inside the hourly window;</li>
 *   <li>every DST change of 2024-2026; at the fall-back of 2025-10-26 the repeated hour gets the
 *       same name as the hour before, so (as the engine does) the second run is skipped;</li>
 *   <li>an imported snapshot whose name says nothing about its time ({@code imported-old-box});</li>
 *   <li>one snapshot dated three days in the future (a host clock gone wrong).</li>
 * </ul>
 * {@link java.util.Random} is specified to the bit, so the timeline is the same on every JDK.
 */
final class Timeline {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-04-10T09:30:00Z");
    static final Instant START = Instant.parse("2024-04-08T22:00:00Z");
    static final String IMPORTED = "imported-old-box";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm");

    private Timeline() {
    }

    private static final List<SnapshotInfo> SNAPSHOTS = generate();

    static List<SnapshotInfo> snapshots() {
        return SNAPSHOTS;
    }

    private static List<SnapshotInfo> generate() {
        Random random = new Random(20260410L);
        List<SnapshotInfo> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int previousMinute = 0;
        for (Instant slot = START; slot.isBefore(NOW); slot = slot.plus(Duration.ofHours(1))) {
            // draw every value for every slot, so a gap rule never shifts the rest of the timeline
            boolean missing = random.nextInt(100) < 4;
            boolean late = random.nextInt(100) < 3;
            int minute = late ? 25 + random.nextInt(31) : random.nextInt(12);
            int second = random.nextInt(60);
            if (slot.equals(Instant.parse("2025-10-26T01:00:00Z"))) {
                minute = previousMinute; // 02:xx CET again, after 02:xx CEST: same name
            }
            previousMinute = minute;
            if (missing || gap(slot)) {
                continue;
            }
            Instant time = slot.plusSeconds(minute * 60L + second);
            String name = NAME.format(time.atZone(BERLIN));
            if (names.add(name)) {
                out.add(new SnapshotInfo(name, time));
            }
        }
        out.add(new SnapshotInfo(IMPORTED, Instant.parse("2025-06-15T10:41:00Z")));
        Instant future = NOW.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(127));
        out.add(new SnapshotInfo(NAME.format(future.atZone(BERLIN)), future));
        return List.copyOf(out);
    }

    private static boolean gap(Instant slot) {
        ZonedDateTime local = slot.atZone(BERLIN);
        return between(slot, "2024-07-15T00:00:00Z", "2024-07-22T00:00:00Z")
                || (local.getYear() == 2024 && local.getMonthValue() == 11)
                || between(slot, "2025-08-01T00:00:00Z", "2025-08-20T00:00:00Z")
                || (between(slot, "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z") && slot.atZone(java.time.ZoneOffset.UTC).getHour() < 6)
                || between(slot, "2026-03-20T04:00:00Z", "2026-03-23T10:00:00Z");
    }

    private static boolean between(Instant t, String from, String to) {
        return !t.isBefore(Instant.parse(from)) && t.isBefore(Instant.parse(to));
    }

    /** The snapshot that was taken first at or after {@code time}. */
    static String at(List<SnapshotInfo> timeline, String time) {
        Instant t = Instant.parse(time);
        return timeline.stream().filter(s -> !s.time().isBefore(t)).min(java.util.Comparator.comparing(SnapshotInfo::time))
                .orElseThrow().name();
    }
}
