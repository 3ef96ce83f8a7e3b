package dev.pullback.snapshot;

import dev.pullback.host.Host;
import dev.pullback.transport.Cancellation;
import dev.pullback.transport.Progress;
import java.time.ZoneId;

/** What to snapshot and how; the lock passed beside it names the backup root. */
public record SnapshotRequest(Host host, ZoneId zone, boolean dryRun, Progress progress, Cancellation cancel) {
}
