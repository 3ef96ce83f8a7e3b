package dev.pullback.retention;

import dev.pullback.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety inputs of a plan, beside the policy: what must not be removed and whether the host
 * is healthy enough to be pruned at all.
 *
 * @param protections      pinned or alert-held snapshots (names not on disk are ignored)
 * @param lastRunFailed    the host's last backup run failed: the host is held, nothing is pruned
 * @param expectedInterval how often the host is expected to get a snapshot (its schedule); when
 *                         the newest snapshot is older than twice this, the host is held. Null:
 *                         no expectation (a host backed up by hand), never held for age
 * @param overrideHold     an admin's explicit override: a held host is pruned anyway (the plan
 *                         still names the holds and says they were overridden)
 * @param maxDelete        at most this many snapshots are removed by one apply, oldest first; the
 *                         rest are deferred. Null: no bound
 */
public record Guards(
        List<Protection> protections,
        boolean lastRunFailed,
        Duration expectedInterval,
        boolean overrideHold,
        Integer maxDelete) {

    public Guards {
        protections = protections == null ? List.of() : List.copyOf(protections);
        if (expectedInterval != null && (expectedInterval.isNegative() || expectedInterval.isZero())) {
            throw new InvalidInputException("expected-interval", "must be positive, got " + expectedInterval);
        }
        if (maxDelete != null && maxDelete < 0) {
            throw new InvalidInputException("max-delete", "must be 0 or more, got " + maxDelete);
        }
    }

    /** No protections, no hold inputs, no bound. */
    public static Guards none() {
        return new Guards(List.of(), false, null, false, null);
    }

    public Guards protect(Protection... more) {
        List<Protection> all = new ArrayList<>(protections);
        all.addAll(List.of(more));
        return new Guards(all, lastRunFailed, expectedInterval, overrideHold, maxDelete);
    }

    public Guards protect(List<Protection> more) {
        return protect(more.toArray(Protection[]::new));
    }

    public Guards lastRunFailed(boolean failed) {
        return new Guards(protections, failed, expectedInterval, overrideHold, maxDelete);
    }

    public Guards expectEvery(Duration interval) {
        return new Guards(protections, lastRunFailed, interval, overrideHold, maxDelete);
    }

    public Guards overrideHold(boolean override) {
        return new Guards(protections, lastRunFailed, expectedInterval, override, maxDelete);
    }

    public Guards maxDelete(Integer max) {
        return new Guards(protections, lastRunFailed, expectedInterval, overrideHold, max);
    }
}
