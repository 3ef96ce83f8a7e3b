package dev.pullback.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The heavy pipeline's decisions as pure functions of what is on disk, the settings and "now":
 * each returns whether to act and why, so a dry run can print it and tests need no files.
 */
final class HeavyPlanner {
    private HeavyPlanner() {
    }

    /** @param reason why the stage acts or skips, one line for the status page */
    record Decision(boolean due, String reason) {
        static Decision due(String reason) {
            return new Decision(true, reason);
        }

        static Decision skip(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * An archive is due when the latest snapshot has none yet (in either compression) and the
     * newest archive is at least {@code tarInterval} old. An archive dated in the future (the
     * clock was set back) does not block new ones: the interval would otherwise hold for as long
     * as the clock was off.
     */
    static Decision tar(List<ArchiveFile> archives, String latest, Instant now, HeavySettings s) {
        Optional<ArchiveFile> same = archives.stream().filter(a -> a.snapshot().equals(latest)).findFirst();
        if (same.isPresent()) {
            return Decision.skip("snapshot " + latest + " is already archived in " + same.get().fileName());
        }
        if (archives.isEmpty()) {
            return Decision.due("no archive yet");
        }
        ArchiveFile newest = archives.getLast();
        Duration age = Duration.between(newest.made(), now);
        if (age.isNegative()) {
            return Decision.due("newest archive " + newest.fileName() + " is dated in the future (" + newest.made()
                    + "); not waiting for it");
        }
        if (age.compareTo(s.tarInterval()) < 0) {
            return Decision.skip("newest archive " + newest.fileName() + " is " + human(age)
                    + " old, younger than the tar interval of " + human(s.tarInterval()) + "; next one due at "
                    + newest.made().plus(s.tarInterval()));
        }
        return Decision.due("newest archive " + newest.fileName() + " is " + human(age) + " old");
    }

    /**
     * Backup Manager's rule: the month's copy is made on {@code snapshotDayOfMonth} or any later
     * day of the month (a server that was down on that day must not skip the month), or at once
     * when the host has no monthly copy at all.
     */
    static Decision monthly(List<YearMonth> copies, ZonedDateTime now, HeavySettings s) {
        YearMonth month = YearMonth.from(now);
        if (!s.keepMonthly()) {
            return Decision.skip("monthly copies are off (keep-monthly-snapshots=false)");
        }
        if (copies.contains(month)) {
            return Decision.skip("monthly copy " + month + " already exists");
        }
        if (copies.isEmpty()) {
            return Decision.due("the host has no monthly copy yet");
        }
        if (now.getDayOfMonth() >= s.snapshotDayOfMonth()) {
            return Decision.due("day " + now.getDayOfMonth() + " is on or after snapshot-day-of-month "
                    + s.snapshotDayOfMonth());
        }
        return Decision.skip("waiting for day " + s.snapshotDayOfMonth() + " of the month (today is day "
                + now.getDayOfMonth() + ")");
    }

    /**
     * Archives made more than {@code tarRetentionDays} ago go, monthly copies of months before
     * (current month - {@code retentionMonths}) go; the newest of each always stays, so a host
     * that stopped backing up keeps its last archive and its last golden copy.
     *
     * @param archives oldest first, as {@link HostArchives#list} returns them
     * @param monthly  oldest first
     */
    static CleanupPlan cleanup(List<ArchiveFile> archives, List<YearMonth> monthly, Instant now, ZoneId zone,
                               HeavySettings s) {
        List<CleanupPlan.Item> items = new ArrayList<>();
        Instant oldest = now.minus(Duration.ofDays(s.tarRetentionDays()));
        for (int i = 0; i < archives.size(); i++) {
            ArchiveFile a = archives.get(i);
            String age = human(Duration.between(a.made(), now));
            if (i == archives.size() - 1) {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.ARCHIVE, a.fileName(), false, "newest archive, always kept"));
            } else if (a.made().isAfter(now)) {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.ARCHIVE, a.fileName(), false,
                        "dated in the future (" + a.made() + "), kept"));
            } else if (a.made().isBefore(oldest)) {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.ARCHIVE, a.fileName(), true,
                        "made " + age + " ago, older than tar-retention-days " + s.tarRetentionDays()));
            } else {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.ARCHIVE, a.fileName(), false,
                        "made " + age + " ago, within tar-retention-days " + s.tarRetentionDays()));
            }
        }
        YearMonth cutoff = YearMonth.from(now.atZone(zone)).minusMonths(s.retentionMonths());
        for (int i = 0; i < monthly.size(); i++) {
            YearMonth m = monthly.get(i);
            if (i == monthly.size() - 1) {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.MONTHLY, m.toString(), false, "newest monthly copy, always kept"));
            } else if (m.isBefore(cutoff)) {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.MONTHLY, m.toString(), true,
                        "before " + cutoff + " (retention-months " + s.retentionMonths() + ")"));
            } else {
                items.add(new CleanupPlan.Item(CleanupPlan.Kind.MONTHLY, m.toString(), false,
                        "within retention-months " + s.retentionMonths() + " (kept from " + cutoff + ")"));
            }
        }
        return new CleanupPlan(items);
    }

    /** "3 h 05 min", "2 d 4 h": enough precision for a status line. */
    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : String.format(" %02d min", minutes % 60));
        }
        return d.toDays() + " d" + (d.toHoursPart() == 0 ? "" : " " + d.toHoursPart() + " h");
    }
}
