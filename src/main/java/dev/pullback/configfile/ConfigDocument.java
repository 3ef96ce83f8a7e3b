package dev.pullback.configfile;

import dev.pullback.retention.PolicyOverride;
import java.util.List;
import java.util.Map;

/**
 * pullback's configuration as a file: global settings, and per host its settings, its cron
 * schedule and its retention override. Null fields are left out of the file.
 */
public record ConfigDocument(Integer version, SettingsDoc settings, Map<String, HostDoc> hosts) {
    public static final int VERSION = 1;

    public record SettingsDoc(String backupRoot, String timezone) {
    }

    /** A host; in a file being imported, a field left out keeps the host's current value. */
    public record HostDoc(String transport, String address, String user, Integer port, String identityFile,
                          List<String> sources, List<String> excludes, Boolean defaultExcludes, List<String> rsyncOptions,
                          List<String> sshOptions, Integer bwlimitKbps, Boolean fakeSuper, Boolean acls, Boolean xattrs,
                          Boolean acceptPartial, Boolean enabled, ScheduleDoc schedule, RetentionDoc retention) {
    }

    public record ScheduleDoc(String cron, Boolean prune, Boolean enabled) {
    }

    /** The host's retention override; a field left out inherits the global policy. */
    public record RetentionDoc(Integer keepLast, Integer hourlyHours, Integer dailyDays, Integer weeklyWeeks, Integer monthlyMonths,
                               Integer yearlyYears, Integer minKeep) {
        static RetentionDoc of(PolicyOverride o) {
            return o.isEmpty() ? null : new RetentionDoc(o.keepLast(), o.hourlyHours(), o.dailyDays(), o.weeklyWeeks(),
                    o.monthlyMonths(), o.yearlyYears(), o.minKeep());
        }

        PolicyOverride toOverride() {
            return new PolicyOverride(keepLast, hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears, minKeep);
        }
    }
}
