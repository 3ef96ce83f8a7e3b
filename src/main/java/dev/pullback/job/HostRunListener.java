package dev.pullback.job;

import dev.pullback.host.Host;
import dev.pullback.snapshot.SnapshotResult;

/** Told about every finished snapshot or dry run of a host (the trust records first contacts and refused keys). */
@FunctionalInterface
public interface HostRunListener {
    HostRunListener NONE = (host, result) -> { };

    /** Called on the run's thread; must not throw (a failure here never fails the backup). */
    void finished(Host host, SnapshotResult result);
}
