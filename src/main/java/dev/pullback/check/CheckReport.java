package dev.pullback.check;

import java.time.Instant;
import java.util.List;

/** Everything {@code pullback check} verified; it passes when nothing failed (warnings are shown, not fatal). */
public record CheckReport(Instant at, List<Check> checks) {

    public CheckReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    public long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
