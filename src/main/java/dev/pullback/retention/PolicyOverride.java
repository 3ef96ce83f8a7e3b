package dev.pullback.retention;

/**
 * A host's changes to the global retention policy: each non-null field replaces the global one,
 * null inherits it. Not validated on its own: {@link #applyTo} validates the merged policy, so
 * "daily-days 10" is fine over a global policy with hourly 24 h and refused over one with 720 h.
 */
public record PolicyOverride(
        Integer keepLast,
        Integer hourlyHours,
        Integer dailyDays,
        Integer weeklyWeeks,
        Integer monthlyMonths,
        Integer yearlyYears,
        Integer minKeep) {

    /** Inherits everything. */
    public static PolicyOverride none() {
        return new PolicyOverride(null, null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return equals(none());
    }

    /** The merged policy; throws {@link dev.pullback.InvalidInputException} naming the field when it is invalid. */
    public RetentionPolicy applyTo(RetentionPolicy global) {
        return new RetentionPolicy(
                keepLast != null ? keepLast : global.keepLast(),
                hourlyHours != null ? hourlyHours : global.hourlyHours(),
                dailyDays != null ? dailyDays : global.dailyDays(),
                weeklyWeeks != null ? weeklyWeeks : global.weeklyWeeks(),
                monthlyMonths != null ? monthlyMonths : global.monthlyMonths(),
                yearlyYears != null ? yearlyYears : global.yearlyYears(),
                minKeep != null ? minKeep : global.minKeep());
    }

    public PolicyOverride keepLast(Integer n) {
        return new PolicyOverride(n, hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears, minKeep);
    }

    public PolicyOverride hourlyHours(Integer n) {
        return new PolicyOverride(keepLast, n, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears, minKeep);
    }

    public PolicyOverride dailyDays(Integer n) {
        return new PolicyOverride(keepLast, hourlyHours, n, weeklyWeeks, monthlyMonths, yearlyYears, minKeep);
    }

    public PolicyOverride weeklyWeeks(Integer n) {
        return new PolicyOverride(keepLast, hourlyHours, dailyDays, n, monthlyMonths, yearlyYears, minKeep);
    }

    public PolicyOverride monthlyMonths(Integer n) {
        return new PolicyOverride(keepLast, hourlyHours, dailyDays, weeklyWeeks, n, yearlyYears, minKeep);
    }

    public PolicyOverride yearlyYears(Integer n) {
        return new PolicyOverride(keepLast, hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, n, minKeep);
    }

    public PolicyOverride minKeep(Integer n) {
        return new PolicyOverride(keepLast, hourlyHours, dailyDays, weeklyWeeks, monthlyMonths, yearlyYears, n);
    }
}
